/** Spot or on-demand. */
export type PurchaseOption = 'spot' | 'on-demand';

/** One RunInstances call to try: an instance type in a subnet, bought one way. */
export interface Ec2LaunchAttempt {
  readonly instanceType: string;
  readonly subnetId: string;
  readonly purchase: PurchaseOption;
}

/**
 * The order EC2 launches are tried in: spot first when allowed, across every instance type (in the
 * plan's order of preference) and subnet, then the same on demand. The first attempt that does not
 * fail for capacity wins; see {@link isEc2CapacityErrorCode}.
 */
export const ec2LaunchAttempts = (input: {
  readonly instanceTypes: readonly string[];
  readonly subnetIds: readonly string[];
  readonly spot: boolean;
}): Ec2LaunchAttempt[] => {
  const purchases: PurchaseOption[] = input.spot ? ['spot', 'on-demand'] : ['on-demand'];
  return purchases.flatMap((purchase) =>
    input.instanceTypes.flatMap((instanceType) =>
      input.subnetIds.map((subnetId) => ({ instanceType, subnetId, purchase })),
    ),
  );
};

/** EC2 error codes that mean "no capacity for this type/zone/purchase option now": try the next one. */
export const EC2_CAPACITY_ERROR_CODES = [
  'InsufficientInstanceCapacity',
  'InsufficientHostCapacity',
  'InsufficientReservedInstanceCapacity',
  'InsufficientCapacity',
  'SpotMaxPriceTooLow',
  'MaxSpotInstanceCountExceeded',
  'InsufficientFreeAddressesInSubnet',
  'Unsupported',
  'UnfulfillableCapacity',
] as const;

/** Whether an EC2 error code means "try another instance type, subnet or purchase option". */
export const isEc2CapacityErrorCode = (code: string | undefined): boolean =>
  code !== undefined && (EC2_CAPACITY_ERROR_CODES as readonly string[]).includes(code);
