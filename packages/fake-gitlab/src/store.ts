import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AccessTokenSpec, FakeGroup, FakeJob, FakePipeline, FakeProject, FakeRunner } from './model.ts';

/** Compares two secrets in constant time (over their SHA-256 digests, so lengths may differ). */
export const secretEquals = (a: string, b: string): boolean =>
  timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

/** A random token with GitLab's prefix, e.g. `glrt-…` for runners. */
export const generateToken = (prefix: string): string => `${prefix}${randomBytes(15).toString('base64url')}`;

/** The fake's in-memory data. Plain maps; the lifecycle and routes change them. */
export class FakeStore {
  public readonly groups = new Map<number, FakeGroup>();
  public readonly projects = new Map<number, FakeProject>();
  public readonly runners = new Map<number, FakeRunner>();
  public readonly pipelines = new Map<number, FakePipeline>();
  public readonly jobs = new Map<number, FakeJob>();
  public readonly accessTokens: AccessTokenSpec[] = [];
  /** `null` when registration tokens are disabled (legacy `POST /runners` answers 410). */
  public registrationToken: string | null = null;
  private nextRunnerId = 1000;
  private nextPipelineId = 900;
  private nextJobId = 4700;

  public allocateRunnerId(): number {
    this.nextRunnerId += 1;
    return this.nextRunnerId;
  }

  public allocatePipelineId(): number {
    this.nextPipelineId += 1;
    return this.nextPipelineId;
  }

  public allocateJobId(): number {
    this.nextJobId += 1;
    return this.nextJobId;
  }

  /** The access token equal to `token`, compared in constant time. */
  public findAccessToken(token: string): AccessTokenSpec | undefined {
    return this.accessTokens.find((spec) => secretEquals(spec.token, token));
  }

  /** The runner whose authentication token equals `token`, compared in constant time. */
  public findRunnerByToken(token: string): FakeRunner | undefined {
    return [...this.runners.values()].find((runner) => secretEquals(runner.token, token));
  }

  /** Projects that a runner may run jobs of. */
  public runnerServesProject(runner: FakeRunner, projectId: number): boolean {
    if (runner.runnerType === 'instance_type') return true;
    if (runner.runnerType === 'project_type') return runner.projectId === projectId;
    return this.projects.get(projectId)?.groupId === runner.groupId;
  }

  public projectOf(job: FakeJob): FakeProject {
    const project = this.projects.get(job.projectId);
    if (!project) throw new Error(`job ${job.id} belongs to unknown project ${job.projectId}`);
    return project;
  }

  public groupOf(project: FakeProject): FakeGroup {
    const group = this.groups.get(project.groupId);
    if (!group) throw new Error(`project ${project.id} belongs to unknown group ${project.groupId}`);
    return group;
  }
}
