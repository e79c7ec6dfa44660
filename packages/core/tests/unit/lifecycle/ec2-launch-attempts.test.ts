import { describe, expect, it } from 'vitest';
import { ec2LaunchAttempts, isEc2CapacityErrorCode } from '../../../src/index.ts';

describe('EC2 launch attempts', () => {
  it('tries spot across every instance type and subnet before any on-demand launch', () => {
    const attempts = ec2LaunchAttempts({
      instanceTypes: ['m7i.large', 'm6i.large'],
      subnetIds: ['a', 'b'],
      spot: true,
    });
    expect(
      attempts.map((attempt) => `${attempt.purchase} ${attempt.instanceType} ${attempt.subnetId}`),
    ).toEqual([
      'spot m7i.large a',
      'spot m7i.large b',
      'spot m6i.large a',
      'spot m6i.large b',
      'on-demand m7i.large a',
      'on-demand m7i.large b',
      'on-demand m6i.large a',
      'on-demand m6i.large b',
    ]);
  });

  it('never tries spot when the stack is on-demand only', () => {
    const attempts = ec2LaunchAttempts({ instanceTypes: ['m7i.large'], subnetIds: ['a'], spot: false });
    expect(attempts).toEqual([{ instanceType: 'm7i.large', subnetId: 'a', purchase: 'on-demand' }]);
  });

  it.each(['InsufficientInstanceCapacity', 'SpotMaxPriceTooLow', 'MaxSpotInstanceCountExceeded'])(
    'moves on after %s',
    (code) => expect(isEc2CapacityErrorCode(code)).toBe(true),
  );

  it.each(['UnauthorizedOperation', 'InvalidParameterValue', undefined])('stops at %s', (code) =>
    expect(isEc2CapacityErrorCode(code)).toBe(false),
  );
});
