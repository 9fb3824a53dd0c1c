// Defined in the contract package so the sandbox shows errors the same way without importing src/.
export { errorMessage } from '@maintenance-action/contract';
