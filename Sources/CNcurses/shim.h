#ifndef PIPETOP_CNCURSES_SHIM_H
#define PIPETOP_CNCURSES_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <stdio.h>
#include <ncursesw/curses.h>

/* Swift 6 strict concurrency rejects ncurses' mutable globals and cannot
   import its function-like macros; these inline shims expose them as calls. */
static inline WINDOW *pt_stdscr(void) { return stdscr; }
static inline int pt_cols(void) { return COLS; }
static inline int pt_lines(void) { return LINES; }
static inline int pt_colors(void) { return COLORS; }
static inline int pt_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t pt_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }
static inline int pt_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int pt_getmaxx(WINDOW *w) { return getmaxx(w); }
static inline attr_t pt_a_bold(void) { return A_BOLD; }
static inline attr_t pt_a_dim(void) { return A_DIM; }
static inline attr_t pt_a_reverse(void) { return A_REVERSE; }
static inline attr_t pt_a_underline(void) { return A_UNDERLINE; }
static inline attr_t pt_a_normal(void) { return A_NORMAL; }
static inline int pt_key_resize(void) { return KEY_RESIZE; }
static inline int pt_err(void) { return ERR; }

static inline int pt_key_code_yes(void) { return KEY_CODE_YES; }
static inline int pt_ok(void) { return OK; }

/* The wide alternate-character-set glyph for a VT100 line-drawing letter ('q' a horizontal
   line): what box drawing becomes where the locale cannot show Unicode. */
static inline const cchar_t *pt_wacs(int c) { return NCURSES_WACS(c); }

/* The standard streams are mutable C globals Swift 6 will not touch; newterm needs them. */
static inline FILE *pt_stdout(void) { return stdout; }
static inline FILE *pt_stdin(void) { return stdin; }

/* Key codes the pure KeyDecoder hard-codes; exposed so a test can check they agree. */
static inline int pt_key_down(void) { return KEY_DOWN; }
static inline int pt_key_up(void) { return KEY_UP; }
static inline int pt_key_left(void) { return KEY_LEFT; }
static inline int pt_key_right(void) { return KEY_RIGHT; }
static inline int pt_key_home(void) { return KEY_HOME; }
static inline int pt_key_end(void) { return KEY_END; }
static inline int pt_key_npage(void) { return KEY_NPAGE; }
static inline int pt_key_ppage(void) { return KEY_PPAGE; }
static inline int pt_key_backspace(void) { return KEY_BACKSPACE; }
static inline int pt_key_dc(void) { return KEY_DC; }
static inline int pt_key_enter(void) { return KEY_ENTER; }
static inline int pt_key_btab(void) { return KEY_BTAB; }
static inline int pt_key_f(int n) { return KEY_F(n); }

#endif
