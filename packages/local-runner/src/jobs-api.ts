import { JobProtocolError } from './errors.ts';
import { jobSchema, type RunnerJob } from './job-schema.ts';

/** What GitLab says about a job in the `Job-Status` header after a PATCH or PUT. */
export type RemoteJobState = 'running' | 'canceling' | 'abort' | 'other';

/** The runner side of the job protocol (reference §4): request, update, trace. */
export interface JobsApi {
  /** A job for this runner, or undefined when GitLab has none (204). */
  requestJob(): Promise<RunnerJob | undefined>;
  /** `PUT /jobs/:id`; answers the HTTP status and the remote state. */
  updateJob(
    job: RunnerJob,
    body: Record<string, unknown>,
  ): Promise<{ status: number; state: RemoteJobState }>;
  /** `PATCH /jobs/:id/trace` of `bytes` at `offset`; on 416 `resumeAt` is GitLab's length. */
  patchTrace(
    job: RunnerJob,
    offset: number,
    bytes: Buffer,
  ): Promise<{ status: number; state: RemoteJobState; resumeAt?: number }>;
}

const TIMEOUT_MS = 30_000;

const remoteState = (response: Response): RemoteJobState => {
  if (response.status === 403 || response.status === 404) return 'abort';
  const status = response.headers.get('job-status');
  if (status === 'canceled' || status === 'failed') return 'abort';
  if (status === 'canceling') return 'canceling';
  return status === 'running' ? 'running' : 'other';
};

/** Creates the protocol client for GitLab at `url` with the runner's token (never logged). */
export const createJobsApi = (url: string, runnerToken: string, systemId: string): JobsApi => {
  const api = `${url.replace(/\/+$/, '')}/api/v4`;
  return {
    requestJob: async () => {
      const response = await fetch(`${api}/jobs/request`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'runner-token': runnerToken,
        },
        body: JSON.stringify({
          token: runnerToken,
          system_id: systemId,
          info: {
            name: 'glr-local-runner',
            executor: 'shell',
            shell: 'bash',
            features: { trace_checksum: true },
          },
        }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const text = await response.text();
      if (response.status === 204) return undefined;
      if (response.status !== 201) {
        throw new JobProtocolError(`POST /api/v4/jobs/request answered ${response.status}`, response.status);
      }
      const parsed = jobSchema.safeParse(JSON.parse(text));
      if (!parsed.success) {
        const fields = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
        throw new JobProtocolError(
          `POST /api/v4/jobs/request answered a job with invalid fields: ${fields}`,
          201,
        );
      }
      return parsed.data;
    },
    updateJob: async (job, body) => {
      const response = await fetch(`${api}/jobs/${job.id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'job-token': job.token },
        body: JSON.stringify({ token: job.token, ...body }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await response.arrayBuffer();
      return { status: response.status, state: remoteState(response) };
    },
    patchTrace: async (job, offset, bytes) => {
      const response = await fetch(`${api}/jobs/${job.id}/trace`, {
        method: 'PATCH',
        headers: {
          'content-type': 'text/plain',
          'job-token': job.token,
          'content-range': `${offset}-${offset + bytes.length - 1}`,
        },
        body: new Uint8Array(bytes),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await response.arrayBuffer();
      const range = /^0-(\d+)$/.exec(response.headers.get('range') ?? '');
      return {
        status: response.status,
        state: remoteState(response),
        ...(response.status === 416 && range ? { resumeAt: Number(range[1]) } : {}),
      };
    },
  };
};
