// Lists a SAM template's functions by package type: `node scripts/template-functions.ts zip|image <template>`.
import { readFileSync } from 'node:fs';
import { parseTemplate } from '@glr/cfn-template';

const [packageType, templatePath] = process.argv.slice(2);
if ((packageType !== 'zip' && packageType !== 'image') || !templatePath) {
  throw new Error('usage: node scripts/template-functions.ts zip|image <template.yaml>');
}
const template = parseTemplate(readFileSync(templatePath, 'utf8'));
for (const [logicalId, resource] of Object.entries(template.Resources)) {
  if (resource.Type !== 'AWS::Serverless::Function') continue;
  const isImage = resource.Properties?.PackageType === 'Image';
  if (isImage === (packageType === 'image')) process.stdout.write(`${logicalId}\n`);
}
