import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PipelineDefinitionError, parsePipelineDefinition } from '../../src/index.ts';

describe('parsePipelineDefinition', () => {
  it('reads stages and jobs with sorted tags, script lines and defaults', () => {
    const definition = parsePipelineDefinition(`
stages: [build, test]
compile:
  stage: build
  tags: [zeta, alpha, zeta]
  script: make
  after_script: [echo done]
  timeout: 600
.hidden:
  script: ignored
check:
  script: [echo a, echo b]
  allow_failure: true
`);

    expect(definition).toEqual({
      stages: ['build', 'test'],
      jobs: [
        {
          name: 'compile',
          stage: 'build',
          tags: ['alpha', 'zeta'],
          script: ['make'],
          afterScript: ['echo done'],
          timeoutSeconds: 600,
          allowFailure: false,
        },
        {
          name: 'check',
          stage: 'test',
          tags: [],
          script: ['echo a', 'echo b'],
          afterScript: [],
          timeoutSeconds: 3600,
          allowFailure: true,
        },
      ],
    });
  });

  it.each([
    ['job:\n  script: echo\n  needs: [a]\n', /job\.needs: not supported/],
    ['job:\n  stage: nowhere\n  script: echo\n', /job\.stage: "nowhere" is not one of stages/],
    ['job:\n  tags: [a]\n', /job\.script: /],
    ['job:\n  script: echo\n  rules: []\n', /job: /],
    ['include: other.yml\njob:\n  script: echo\n', /include: not supported/],
    ['stages: []\njob:\n  script: echo\n', /stages: /],
    ['stages: [a]\n', /defines no job/],
    ['- a list\n', /must be a mapping/],
    ['job: [unclosed\n', /does not parse/],
  ])('rejects %j naming the problem', (source, message) => {
    expect(() => parsePipelineDefinition(source)).toThrow(PipelineDefinitionError);
    expect(() => parsePipelineDefinition(source)).toThrow(message);
  });

  it('either parses or throws PipelineDefinitionError for any text', () => {
    fc.assert(
      fc.property(fc.string(), (source) => {
        try {
          parsePipelineDefinition(source);
        } catch (error) {
          expect(error).toBeInstanceOf(PipelineDefinitionError);
        }
      }),
    );
  });
});
