/** Something an expression cannot do for one row (Dataview's per-row error): the row is dropped, as Dataview drops it. */
export class EvaluationError extends Error {}

/** The whole view must stop: its budget is spent or its nesting is too deep. */
export class ViewAbort extends Error {}
