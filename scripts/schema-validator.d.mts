export const TARGET: string;
export function validatorSource(): string;
