// Types for maintenance.schema.validate.generated.cjs (ajv's standalone code: a ValidateFunction).
import type { ValidateFunction } from 'ajv';
declare const validate: ValidateFunction;
export = validate;
