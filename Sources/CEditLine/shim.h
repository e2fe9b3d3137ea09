#ifndef INSIGHTS_CEDITLINE_SHIM_H
#define INSIGHTS_CEDITLINE_SHIM_H

#include <stdio.h>
#include <editline/readline.h>
#include <histedit.h>

// libedit's native `history()` is variadic, so Swift cannot call it; each use
// gets a non-variadic wrapper here.

/// `history(h, ev, H_SETSIZE, size)`: keeps at most `size` entries.
static inline int insights_history_set_size(History *h, HistEvent *ev, int size) {
    return history(h, ev, H_SETSIZE, size);
}

/// `history(h, ev, H_ENTER, line)`: appends `line` as the newest entry.
static inline int insights_history_enter(History *h, HistEvent *ev, const char *line) {
    return history(h, ev, H_ENTER, line);
}

#endif
