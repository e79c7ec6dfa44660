/** Minimal raw-HTTP calls of the runner job protocol, as gitlab-runner sends them. */
export const runnerProtocol = (baseUrl: string) => {
  const api = `${baseUrl}/api/v4`;
  return {
    requestJob: async (token: string, features: Record<string, boolean> = {}) => {
      const response = await fetch(`${api}/jobs/request`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'runner-token': token },
        body: JSON.stringify({
          token,
          info: { name: 'gitlab-runner', features },
          system_id: 's_0123456789ab',
        }),
      });
      const text = await response.text();
      return {
        status: response.status,
        contentType: response.headers.get('content-type'),
        job: text ? (JSON.parse(text) as JobPayload) : undefined,
      };
    },
    updateJob: async (jobId: number, jobToken: string, body: Record<string, unknown>) => {
      const response = await fetch(`${api}/jobs/${jobId}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'job-token': jobToken },
        body: JSON.stringify({ token: jobToken, ...body }),
      });
      await response.text();
      return { status: response.status, jobStatus: response.headers.get('job-status') };
    },
    patchTrace: async (jobId: number, jobToken: string, offset: number, text: string) => {
      const bytes = Buffer.from(text);
      const response = await fetch(`${api}/jobs/${jobId}/trace`, {
        method: 'PATCH',
        headers: {
          'content-type': 'text/plain',
          'job-token': jobToken,
          'content-range': `${offset}-${offset + bytes.length - 1}`,
        },
        body: bytes,
      });
      await response.text();
      return {
        status: response.status,
        range: response.headers.get('range'),
        jobStatus: response.headers.get('job-status'),
      };
    },
  };
};

/** The parts of the `POST /jobs/request` job JSON that tests read. */
export interface JobPayload {
  readonly id: number;
  readonly token: string;
  readonly runner_info: { readonly timeout: number };
  readonly job_info: { readonly name: string; readonly stage: string; readonly project_id: number };
  readonly steps: readonly { readonly name: string; readonly script: readonly string[] }[];
  readonly variables: readonly { readonly key: string; readonly value: string }[];
  readonly git_info: { readonly repo_url: string; readonly ref: string };
}
