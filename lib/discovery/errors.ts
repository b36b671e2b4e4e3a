/**
 * Errors of lib/discovery, following lib/ode/errors.ts: a wrong type is a `DiscoveryTypeError`
 * (a `TypeError`), a bad value or shape a `DiscoveryArgumentError` (a `RangeError`); the message
 * names the argument, the value and where (sample, component).
 */
export class DiscoveryArgumentError extends RangeError {
  readonly argument: string;
  constructor(argument: string, message: string) {
    super(`invalid argument ${argument}: ${message}`);
    this.name = "DiscoveryArgumentError";
    this.argument = argument;
  }
}

export class DiscoveryTypeError extends TypeError {
  readonly argument: string;
  constructor(argument: string, message: string) {
    super(`invalid argument ${argument}: ${message}`);
    this.name = "DiscoveryTypeError";
    this.argument = argument;
  }
}
