// GNU readline for Swift. Swift 6 refuses direct use of C mutable globals (rl_attempted_completion_function,
// history_length, …), so every global the console touches is set or read through a small function here.
// The functions keep no state of their own: several Swift object files may each hold a copy of them.
#ifndef WUYE_CREADLINE_SHIM_H
#define WUYE_CREADLINE_SHIM_H

#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

/// Names the program for ~/.inputrc conditionals ($if wuye) and makes readline's signal handlers stay installed
/// while a callback handler is, so that SIGTERM or SIGHUP during the wait for input restores the terminal first.
static inline void wuye_rl_configure(void) {
    rl_readline_name = "wuye";
    rl_catch_signals = 1;
    rl_catch_sigwinch = 1;
    rl_persistent_signal_handlers = 1;
}

/// Sets the function Tab calls to list completions.
static inline void wuye_rl_set_completer(rl_completion_func_t *completer) {
    rl_attempted_completion_function = completer;
}

/// Tells readline not to fall back to completing file names after the completer returns.
static inline void wuye_rl_completion_over(void) {
    rl_attempted_completion_over = 1;
}

/// Abandons the line being edited: ends an incremental search or a half-typed key sequence, and empties the line
/// and its undo list.
static inline void wuye_rl_clear_line(void) {
    rl_callback_sigcleanup();
    rl_replace_line("", 1);
    rl_point = 0;
    rl_mark = 0;
}

/// The number of characters typed on the line being edited.
static inline int wuye_rl_line_length(void) {
    return rl_end;
}

/// The most recent history entry, or NULL when the history is empty.
static inline const char *wuye_history_last_line(void) {
    if (history_length <= 0) return NULL;
    HIST_ENTRY *entry = history_get(history_base + history_length - 1);
    return entry ? entry->line : NULL;
}

/// Unbinds yank (Ctrl-Y, Meta-Y) in every keymap: at the kiosk, text one owner deleted must not come back for the
/// next. Call after rl_initialize, which reads ~/.inputrc.
static inline void wuye_rl_disable_yank(void) {
    const char *names[] = {"emacs", "emacs-meta", "emacs-ctlx", "vi-insert", "vi-command"};
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++) {
        Keymap map = rl_get_keymap_by_name(names[i]);
        if (map == NULL) continue;
        rl_unbind_function_in_map(rl_yank, map);
        rl_unbind_function_in_map(rl_yank_pop, map);
    }
}

#endif
