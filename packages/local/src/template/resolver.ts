import type { Template } from '@glr/cfn-template';
import { TemplateReadError } from '../errors.ts';
import { isRecord } from '../json.ts';

/** Where a template is "deployed" locally: the values CloudFormation would supply. */
export interface LocalDeployment {
  readonly stackName: string;
  readonly region: string;
  readonly account: string;
  /** Parameter values; parameters not given take their `Default`. */
  readonly parameters?: Readonly<Record<string, string>>;
  /** Values of `Fn::ImportValue` by export name (e.g. another local stack's outputs). */
  readonly imports?: Readonly<Record<string, string>>;
  /** `Ref` values of resources created outside the template (a launch template id made in moto). */
  readonly physicalIds?: Readonly<Record<string, string>>;
}

/** Resolves CloudFormation intrinsics of one template to the values a local deployment gives them. */
export interface TemplateResolver {
  /** The value with every intrinsic replaced; `where` names it in errors (`ClaimFunction.Environment`). */
  resolve(value: unknown, where: string): unknown;
  /** The physical name of a resource (`Ref` of a table, function, state machine, bus, parameter). */
  physicalName(logicalId: string): string;
}

const NAME_PROPERTIES: Record<string, string> = {
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::Serverless::Function': 'FunctionName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::Serverless::StateMachine': 'Name',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::Events::EventBus': 'Name',
  'AWS::SSM::Parameter': 'Name',
  'AWS::SQS::Queue': 'QueueName',
};

const ARN_SERVICES: Record<string, (name: string) => string> = {
  'AWS::DynamoDB::Table': (name) => `dynamodb:{region}:{account}:table/${name}`,
  'AWS::Serverless::Function': (name) => `lambda:{region}:{account}:function:${name}`,
  'AWS::Lambda::Function': (name) => `lambda:{region}:{account}:function:${name}`,
  'AWS::Serverless::StateMachine': (name) => `states:{region}:{account}:stateMachine:${name}`,
  'AWS::StepFunctions::StateMachine': (name) => `states:{region}:{account}:stateMachine:${name}`,
  'AWS::Events::EventBus': (name) => `events:{region}:{account}:event-bus/${name}`,
  'AWS::SQS::Queue': (name) => `sqs:{region}:{account}:${name}`,
};

/** Creates the resolver of a template for a local deployment. */
export const createTemplateResolver = (template: Template, deployment: LocalDeployment): TemplateResolver => {
  const pseudo: Record<string, string> = {
    'AWS::Region': deployment.region,
    'AWS::AccountId': deployment.account,
    'AWS::StackName': deployment.stackName,
    'AWS::StackId': `arn:aws:cloudformation:${deployment.region}:${deployment.account}:stack/${deployment.stackName}/local`,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::NoValue': '',
  };

  const parameter = (name: string): string | undefined => {
    const given = deployment.parameters?.[name];
    if (given !== undefined) return given;
    const fallback = template.Parameters[name]?.Default;
    return fallback === undefined ? undefined : String(fallback);
  };

  const physicalName = (logicalId: string): string => {
    const resource = template.Resources[logicalId];
    if (!resource) throw new TemplateReadError(`${logicalId} is not a resource of the template`);
    const property = NAME_PROPERTIES[resource.Type];
    const named = property ? resource.Properties?.[property] : undefined;
    return named === undefined
      ? `${deployment.stackName}-${logicalId}`
      : String(resolve(named, `${logicalId}.${property}`));
  };

  const ref = (name: string, where: string): string => {
    const value = pseudo[name] ?? parameter(name) ?? deployment.physicalIds?.[name];
    if (value !== undefined) return value;
    if (template.Resources[name]) {
      const type = template.Resources[name].Type;
      // `Ref` of a state machine is its ARN; of every other resource used here, its name.
      return type.endsWith('StateMachine') ? getAtt(name, 'Arn', where) : physicalName(name);
    }
    throw new TemplateReadError(`${where}: Ref ${name} names no parameter or resource of the template`);
  };

  const getAtt = (logicalId: string, attribute: string, where: string): string => {
    const resource = template.Resources[logicalId];
    const arn = resource ? ARN_SERVICES[resource.Type] : undefined;
    if (attribute === 'Arn' && arn) {
      return `arn:aws:${arn(physicalName(logicalId))}`
        .replace('{region}', deployment.region)
        .replace('{account}', deployment.account);
    }
    if (attribute === 'Name' && resource) return physicalName(logicalId);
    throw new TemplateReadError(`${where}: GetAtt ${logicalId}.${attribute} is not available locally`);
  };

  const substitute = (text: string, variables: Record<string, unknown>, where: string): string =>
    text.replace(/\$\{([^}!]+)\}/g, (_match, name: string) => {
      if (name in variables) return String(variables[name]);
      const [logicalId, ...attribute] = name.split('.');
      if (attribute.length > 0 && logicalId) return getAtt(logicalId, attribute.join('.'), where);
      return ref(name, where);
    });

  const condition = (name: string, where: string): boolean => {
    if (!(name in template.Conditions)) throw new TemplateReadError(`${where}: no condition named ${name}`);
    return resolve(template.Conditions[name], `Conditions.${name}`) === true;
  };

  const functions: Record<string, (argument: unknown, where: string) => unknown> = {
    Ref: (name, where) => ref(String(name), where),
    'Fn::GetAtt': (argument, where) => {
      const [logicalId, attribute] = Array.isArray(argument) ? argument : String(argument).split(/\.(.*)/s);
      return getAtt(String(logicalId), String(attribute), where);
    },
    'Fn::Sub': (argument, where) => {
      if (typeof argument === 'string') return substitute(argument, {}, where);
      const [text, variables] = argument as [string, Record<string, unknown>];
      return substitute(text, resolve(variables, where) as Record<string, unknown>, where);
    },
    'Fn::Join': (argument, where) => {
      const [separator, items] = resolve(argument, where) as [string, unknown[]];
      return items.join(separator);
    },
    'Fn::Select': (argument, where) => {
      const [index, items] = resolve(argument, where) as [number, unknown[]];
      return items[Number(index)];
    },
    'Fn::Split': (argument, where) => {
      const [separator, text] = resolve(argument, where) as [string, string];
      return text.split(separator);
    },
    'Fn::ImportValue': (argument, where) => {
      const name = String(resolve(argument, where));
      const value = deployment.imports?.[name];
      if (value === undefined)
        throw new TemplateReadError(`${where}: ImportValue ${name} has no local value`);
      return value;
    },
    'Fn::If': (argument, where) => {
      const [name, whenTrue, whenFalse] = argument as [string, unknown, unknown];
      return resolve(condition(name, where) ? whenTrue : whenFalse, where);
    },
    'Fn::Equals': (argument, where) => {
      const [left, right] = resolve(argument, where) as [unknown, unknown];
      return String(left) === String(right);
    },
    'Fn::Not': (argument, where) => !(resolve(argument, where) as unknown[])[0],
    'Fn::And': (argument, where) => (resolve(argument, where) as unknown[]).every(Boolean),
    'Fn::Or': (argument, where) => (resolve(argument, where) as unknown[]).some(Boolean),
    Condition: (name, where) => condition(String(name), where),
  };

  const resolve = (value: unknown, where: string): unknown => {
    if (Array.isArray(value)) return value.map((item, index) => resolve(item, `${where}[${index}]`));
    if (!isRecord(value)) return value;
    const keys = Object.keys(value);
    const [key] = keys;
    const intrinsic = keys.length === 1 && key !== undefined ? functions[key] : undefined;
    if (intrinsic && key !== undefined) return intrinsic(value[key], where);
    if (keys.length === 1 && key?.startsWith('Fn::')) {
      throw new TemplateReadError(`${where}: ${key} is not supported by the local stack`);
    }
    return Object.fromEntries(
      Object.entries(value).map(([name, child]) => [name, resolve(child, `${where}.${name}`)]),
    );
  };

  return { resolve, physicalName };
};
