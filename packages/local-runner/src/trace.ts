import { crc32 } from 'node:zlib';
import type { RunnerJob } from './job-schema.ts';
import type { JobsApi, RemoteJobState } from './jobs-api.ts';

const MAX_PATCH_BYTES = 1024 * 1024;

/** A job's log: appended locally, sent to GitLab in ranges (resuming where GitLab says on 416). */
export class JobTrace {
  private log = Buffer.alloc(0);
  private sent = 0;
  private readonly api: JobsApi;
  private readonly job: RunnerJob;

  public constructor(api: JobsApi, job: RunnerJob) {
    this.api = api;
    this.job = job;
  }

  /** Adds output to the log. */
  public append(chunk: string | Buffer): void {
    this.log = Buffer.concat([this.log, typeof chunk === 'string' ? Buffer.from(chunk) : chunk]);
  }

  /** Sends what GitLab has not got yet; answers GitLab's view of the job, or undefined when nothing was sent. */
  public async flush(): Promise<RemoteJobState | undefined> {
    let state: RemoteJobState | undefined;
    while (this.sent < this.log.length) {
      const bytes = this.log.subarray(this.sent, this.sent + MAX_PATCH_BYTES);
      const answer = await this.api.patchTrace(this.job, this.sent, bytes);
      state = answer.state;
      if (answer.status === 202) this.sent += bytes.length;
      else if (answer.resumeAt !== undefined && answer.resumeAt <= this.log.length)
        this.sent = answer.resumeAt;
      else break;
    }
    return state;
  }

  /** `output` of the final update: GitLab checks size and `crc32:%08x` of the whole log. */
  public output(): { checksum: string; bytesize: number } {
    return { checksum: `crc32:${crc32(this.log).toString(16).padStart(8, '0')}`, bytesize: this.log.length };
  }
}
