/** Nest injection tokens for the ports; the app chooses the adapters behind them. */
export const EVENT_STORE = Symbol.for('ilinks.EventStore');
export const MESSAGE_BUS = Symbol.for('ilinks.MessageBus');
export const READ_MODEL_STORE = Symbol.for('ilinks.ReadModelStore');
export const CLOCK = Symbol.for('ilinks.Clock');
