package dev.pyconcurrent.futures;

/** When {@link Futures#wait} returns. Python: the {@code return_when} constants of {@code concurrent.futures}. */
public enum ReturnWhen {
    /** Return when any future finishes or is cancelled. */
    FIRST_COMPLETED,
    /** Return when any future finishes by raising an exception, or when all are done. */
    FIRST_EXCEPTION,
    /** Return when all futures finish or are cancelled. */
    ALL_COMPLETED
}
