import type { Template } from '@glr/cfn-template';
import { isRecord } from '../json.ts';
import type { TemplateResolver } from '../template/resolver.ts';
import { callAwsJson } from './aws-json.ts';

/** A `CreateTable` request made from an `AWS::DynamoDB::Table` resource. */
export interface TableDefinition {
  readonly logicalId: string;
  readonly request: Record<string, unknown>;
  /** The TTL attribute the template enables; dynalite never expires items (see README). */
  readonly ttlAttribute?: string;
}

const CREATE_TABLE_PROPERTIES = [
  'AttributeDefinitions',
  'KeySchema',
  'GlobalSecondaryIndexes',
  'LocalSecondaryIndexes',
  'BillingMode',
  'ProvisionedThroughput',
] as const;

/** The `CreateTable` request of every DynamoDB table of a template, names as the resolver gives them. */
export const readTableDefinitions = (template: Template, resolver: TemplateResolver): TableDefinition[] =>
  Object.entries(template.Resources).flatMap(([logicalId, resource]) => {
    if (resource.Type !== 'AWS::DynamoDB::Table') return [];
    const properties = resolver.resolve(resource.Properties ?? {}, logicalId) as Record<string, unknown>;
    const request: Record<string, unknown> = { TableName: resolver.physicalName(logicalId) };
    for (const name of CREATE_TABLE_PROPERTIES) {
      if (properties[name] !== undefined) request[name] = properties[name];
    }
    const ttl = properties.TimeToLiveSpecification;
    const ttlAttribute = isRecord(ttl) && ttl.Enabled === true ? String(ttl.AttributeName) : undefined;
    return [{ logicalId, request, ...(ttlAttribute ? { ttlAttribute } : {}) }];
  });

/**
 * Creates each table on a DynamoDB endpoint (dynalite); a table that already exists (a `--data`
 * folder from an earlier run) is kept as it is. Returns the names of the tables created.
 */
export const createTables = async (
  endpoint: string,
  region: string,
  tables: readonly TableDefinition[],
): Promise<string[]> => {
  const created: string[] = [];
  for (const table of tables) {
    try {
      await callAwsJson({
        endpoint,
        region,
        service: 'dynamodb',
        jsonVersion: '1.0',
        target: 'DynamoDB_20120810.CreateTable',
        body: table.request,
      });
      created.push(String(table.request.TableName));
    } catch (error) {
      if (!(error instanceof Error && error.name === 'ResourceInUseException')) throw error;
    }
  }
  return created;
};
