/* Included by the suite, never used by the mini harness. */
