import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Template } from '@glr/cfn-template';

/**
 * The handler files of a template's container-image functions: the Dockerfile
 * (`Metadata.Dockerfile` in `Metadata.DockerContext`) copies the bundle `dist/<function>/`, which
 * `scripts/bundle.ts` makes from `src/<function>/handler.ts`. Returns logical id → absolute path.
 */
export const readDockerfileHandlers = (template: Template, stackDir: string): Map<string, string> => {
  const handlers = new Map<string, string>();
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    const metadata = resource.Metadata ?? {};
    if (resource.Properties?.PackageType !== 'Image' || typeof metadata.Dockerfile !== 'string') continue;
    const context = join(stackDir, typeof metadata.DockerContext === 'string' ? metadata.DockerContext : '.');
    const dockerfile = join(context, metadata.Dockerfile);
    if (!existsSync(dockerfile)) continue;
    const copied = /^COPY\s+(?:--\S+\s+)*dist\/([\w-]+)\/?\s/m.exec(readFileSync(dockerfile, 'utf8'))?.[1];
    const handler = copied ? join(context, 'src', copied, 'handler.ts') : undefined;
    if (handler && existsSync(handler)) handlers.set(logicalId, handler);
  }
  return handlers;
};
