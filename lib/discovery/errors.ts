/**
 * Errors of lib/discovery: the house's argument errors (lib/ode/errors.ts) under names of their
 * own. A wrong type is a `DiscoveryTypeError` (an OdeTypeError, a `TypeError`), a bad value or
 * shape a `DiscoveryArgumentError` (an OdeArgumentError, a `RangeError`); the message names the
 * argument, the value and where (sample, component).
 */
import { OdeArgumentError, OdeTypeError } from "../ode/errors";

export class DiscoveryArgumentError extends OdeArgumentError {
  constructor(argument: string, message: string) {
    super(argument, message);
    this.name = "DiscoveryArgumentError";
  }
}

export class DiscoveryTypeError extends OdeTypeError {
  constructor(argument: string, message: string) {
    super(argument, message);
    this.name = "DiscoveryTypeError";
  }
}
