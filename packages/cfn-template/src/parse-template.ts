import { type CollectionTag, parse, type ScalarTag } from 'yaml';
import { NotATemplateError } from './errors.ts';

/** A CloudFormation intrinsic written in short form (`!Ref X`), kept as its long form `{ Ref: X }`. */
export type Intrinsic = { readonly [fn: string]: unknown };

/** One resource of a template. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown> & { PackageType?: string };
  readonly Metadata?: Record<string, unknown>;
  readonly Condition?: string;
  readonly DependsOn?: string | string[];
}

/** The parts of a CloudFormation / SAM template the tools and tests read. */
export interface Template {
  readonly Transform?: string | string[];
  readonly Parameters: Record<string, Record<string, unknown>>;
  readonly Conditions: Record<string, unknown>;
  readonly Resources: Record<string, TemplateResource>;
  readonly Outputs: Record<string, { Value: unknown; Description?: string; Export?: { Name: unknown } }>;
}

const SHORT_FORMS = [
  'Ref',
  'Condition',
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
  'Length',
  'ToJsonString',
] as const;

const longName = (name: string): string => (name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`);

const intrinsicTags = SHORT_FORMS.flatMap((name): (ScalarTag | CollectionTag)[] => {
  const key = longName(name);
  const tag = `!${name}`;
  return [
    {
      tag,
      resolve: (value: string) =>
        // `!GetAtt Resource.Attribute` is the one short form whose scalar means a list.
        ({ [key]: name === 'GetAtt' ? value.split(/\.(.*)/s).slice(0, 2) : value }),
    } satisfies ScalarTag,
    { tag, collection: 'seq', resolve: (value) => ({ [key]: value.toJSON() }) } as CollectionTag,
    { tag, collection: 'map', resolve: (value) => ({ [key]: value.toJSON() }) } as CollectionTag,
  ];
});

/**
 * Parses a CloudFormation / SAM YAML template, short-form intrinsics included. Throws
 * {@link NotATemplateError} when the document has no `Resources`.
 */
export const parseTemplate = (source: string): Template => {
  const document = parse(source, {
    customTags: intrinsicTags,
    maxAliasCount: -1,
  }) as Partial<Template> | null;
  if (!document || typeof document !== 'object' || !document.Resources) {
    throw new NotATemplateError('not a CloudFormation template: no Resources section');
  }
  return {
    ...document,
    Parameters: document.Parameters ?? {},
    Conditions: document.Conditions ?? {},
    Resources: document.Resources,
    Outputs: document.Outputs ?? {},
  };
};
