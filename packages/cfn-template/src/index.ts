export { type Intrinsic, parseTemplate, type Template, type TemplateResource } from './parse-template.ts';
