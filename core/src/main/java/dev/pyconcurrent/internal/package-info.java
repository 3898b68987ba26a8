/** Shared helpers of the library; not exported, not part of the public API. */
package dev.pyconcurrent.internal;
