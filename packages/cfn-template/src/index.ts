export { CfnTemplateError, NotATemplateError } from './errors.ts';
export { type Intrinsic, parseTemplate, type Template, type TemplateResource } from './parse-template.ts';
