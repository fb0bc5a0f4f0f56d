// Package keepalived reads the LVS part of keepalived.conf: global_defs,
// virtual_server_group, virtual_server with its real servers and checkers,
// track_file, include files, comments, parameter definitions and
// keepalived's value syntax. It turns them into xvs's model and
// health-check configurations, with file:line on every warning and error.
package keepalived

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Pos is where something was written.
type Pos struct {
	File string
	Line int
}

func (p Pos) String() string { return fmt.Sprintf("%s:%d", p.File, p.Line) }

// Error is a configuration error (or warning) at a place.
type Error struct {
	Pos Pos
	Msg string
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Pos, e.Msg) }

func errorf(p Pos, format string, args ...any) *Error {
	return &Error{Pos: p, Msg: fmt.Sprintf(format, args...)}
}

// Warning is something keepalived would report and carry on after.
type Warning = Error

// srcLine is one line of configuration as keepalived's read_line hands it
// to the parser: comments removed, definitions substituted, includes
// expanded.
type srcLine struct {
	pos  Pos
	text string
}

// maxIncludeDepth bounds include loops (keepalived has no bound and
// recurses until it runs out of file descriptors).
const maxIncludeDepth = 8

// reader turns files into lines, as keepalived's read_line does.
type reader struct {
	defs     map[string][]string // $NAME=...: one element per line
	configID string              // what @ID lines are compared with
	warnings []Warning
	lines    []srcLine
}

func newReader() *reader {
	return &reader{defs: map[string][]string{}, configID: defaultConfigID()}
}

// defaultConfigID is keepalived's default config-id: the host name up to
// its first dot.
func defaultConfigID() string {
	h, err := os.Hostname()
	if err != nil {
		return ""
	}
	name, _, _ := strings.Cut(h, ".")
	return name
}

func (r *reader) warn(p Pos, format string, args ...any) {
	r.warnings = append(r.warnings, *errorf(p, format, args...))
}

// readFile reads one configuration file. keepalived refuses executable
// files and directories as configuration.
func (r *reader) readFile(path string, depth int, from Pos) error {
	if depth > maxIncludeDepth {
		return errorf(from, "include nesting deeper than %d (an include loop?)", maxIncludeDepth)
	}
	st, err := os.Stat(path)
	if err != nil {
		if depth == 0 {
			return err
		}
		return errorf(from, "include: %v", err)
	}
	if !st.Mode().IsRegular() || st.Mode()&0o111 != 0 {
		if depth == 0 {
			return fmt.Errorf("%s: not a regular non-executable file (keepalived refuses it)", path)
		}
		r.warn(from, "%s is not a regular non-executable file: skipped, as keepalived does", path)
		return nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return errorf(from, "%v", err)
	}
	raw := strings.Split(string(b), "\n")
	for i := 0; i < len(raw); i++ {
		pos := Pos{path, i + 1}
		text, err := decomment(strings.TrimRight(raw[i], "\r"))
		if err != nil {
			return errorf(pos, "%v", err)
		}
		text, keep := r.conditional(text)
		if !keep || text == "" {
			continue
		}
		if name, value, ok := definition(text); ok {
			i = r.define(name, value, raw, i)
			continue
		}
		if err := r.line(pos, text, depth); err != nil {
			return err
		}
	}
	return nil
}

// define stores $NAME=VALUE. A value ending in '\' goes on over the next
// lines, up to one that does not end in '\' or an empty one. It returns the
// index of the definition's last line.
func (r *reader) define(name, value string, raw []string, i int) int {
	var lines []string
	for {
		more := strings.HasSuffix(value, `\`)
		value = strings.TrimRight(strings.TrimSuffix(value, `\`), " \t")
		if value != "" {
			lines = append(lines, value)
		}
		if !more || i+1 >= len(raw) {
			break
		}
		i++
		value, _ = decomment(strings.TrimRight(raw[i], "\r"))
		if value == "" {
			break
		}
	}
	if len(lines) == 0 {
		lines = []string{""}
	}
	r.defs[name] = lines
	return i
}

// line handles one decommented line: @ID conditions, substitution (which
// may make several lines of a multi-line definition), then includes.
func (r *reader) line(pos Pos, text string, depth int) error {
	pending := []string{text}
	for rounds := 0; len(pending) > 0; rounds++ {
		if rounds > 64 {
			return errorf(pos, "parameter substitution does not end (a definition that refers to itself?)")
		}
		text, pending = pending[0], pending[1:]
		text, keep := r.conditional(text)
		if !keep || text == "" {
			continue
		}
		if strings.HasPrefix(text, "~SEQ") || strings.HasPrefix(text, "~LST") {
			return errorf(pos, "%s is not supported by xvs: write the lines it would make", text[:4])
		}
		if out, changed := r.substitute(pos, text); changed {
			for j := range out {
				out[j], _ = decomment(out[j])
			}
			pending = append(out, pending...)
			continue
		}
		if pattern, ok := includeDirective(text); ok {
			if err := r.include(pos, pattern, depth); err != nil {
				return err
			}
			continue
		}
		r.lines = append(r.lines, srcLine{pos, text})
	}
	return nil
}

// conditional applies "@ID rest" (kept when ID is the config-id) and
// "@^ID rest" (kept when it is not).
func (r *reader) conditional(text string) (string, bool) {
	if !strings.HasPrefix(text, "@") {
		return text, true
	}
	rest, negate := text[1:], false
	if strings.HasPrefix(rest, "^") {
		rest, negate = rest[1:], true
	}
	id, body, ok := strings.Cut(rest, " ")
	if !ok {
		id, body, ok = strings.Cut(rest, "\t")
	}
	if !ok {
		return "", false
	}
	if (id == r.configID) == negate {
		return "", false
	}
	return strings.TrimLeft(body, " \t"), true
}

// includeDirective recognises include and keepalived's includer, includem,
// includew, includeb and includea (which only change what is reported).
func includeDirective(text string) (string, bool) {
	if !strings.HasPrefix(text, "include") || len(text) < 9 {
		return "", false
	}
	rest := text[7:]
	if strings.ContainsRune("rmwba", rune(rest[0])) && (rest[1] == ' ' || rest[1] == '\t') {
		rest = rest[1:]
	}
	if rest[0] != ' ' && rest[0] != '\t' {
		return "", false
	}
	return strings.Trim(rest, " \t\""), true
}

// include reads the files a pattern names, relative to the including
// file's directory, with glob's braces as keepalived (GLOB_BRACE). A
// pattern with wildcards may match nothing (the usual empty conf.d); a
// name without wildcards must exist.
func (r *reader) include(pos Pos, pattern string, depth int) error {
	if !filepath.IsAbs(pattern) {
		pattern = filepath.Join(filepath.Dir(pos.File), pattern)
	}
	for _, p := range expandBraces(pattern) {
		if !strings.ContainsAny(p, "*?[") {
			if err := r.readFile(p, depth+1, pos); err != nil {
				return err
			}
			continue
		}
		matches, err := filepath.Glob(p)
		if err != nil {
			return errorf(pos, "include %s: %v", pattern, err)
		}
		if len(matches) == 0 {
			r.warn(pos, "include %s: no file matches (keepalived reads on)", p)
		}
		for _, m := range matches {
			if st, err := os.Stat(m); err == nil && st.IsDir() {
				r.warn(pos, "include %s: %s is a directory: skipped", p, m)
				continue
			}
			if err := r.readFile(m, depth+1, pos); err != nil {
				return err
			}
		}
	}
	return nil
}

// expandBraces expands the first {a,b,...} (recursively, so nested and
// several groups work) as glob(3) with GLOB_BRACE does.
func expandBraces(p string) []string {
	open := -1
	for i := 0; i < len(p); i++ {
		if p[i] == '\\' {
			i++
			continue
		}
		if p[i] == '{' {
			open = i
			break
		}
	}
	if open < 0 {
		return []string{p}
	}
	depth, start := 0, open+1
	var alts []string
	for i := open; i < len(p); i++ {
		switch p[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				alts = append(alts, p[start:i])
				var out []string
				for _, a := range alts {
					out = append(out, expandBraces(p[:open]+a+p[i+1:])...)
				}
				return out
			}
		case ',':
			if depth == 1 {
				alts = append(alts, p[start:i])
				start = i + 1
			}
		}
	}
	return []string{p} // unbalanced: glob takes the brace literally
}

// definition recognises $NAME=VALUE (blanks allowed before '=').
func definition(text string) (name, value string, ok bool) {
	if len(text) < 3 || text[0] != '$' || !nameStart(text[1]) {
		return "", "", false
	}
	i := 2
	for i < len(text) && nameChar(text[i]) {
		i++
	}
	name = text[1:i]
	rest := strings.TrimLeft(text[i:], " \t")
	if !strings.HasPrefix(rest, "=") {
		return "", "", false
	}
	return name, strings.TrimLeft(rest[1:], " \t"), true
}

func nameStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func nameChar(c byte) bool  { return nameStart(c) || c >= '0' && c <= '9' }

// builtinDefinition is keepalived's standard definitions xvs knows.
func builtinDefinition(name string, pos Pos) (string, bool) {
	switch name {
	case "_PWD":
		dir, err := filepath.Abs(filepath.Dir(pos.File))
		return dir, err == nil
	case "_HASH":
		return "#", true
	case "_BANG":
		return "!", true
	}
	return "", false
}

// substitute replaces $NAME and ${NAME} with their definitions, as
// keepalived's replace_param: $NAME must be followed by a blank, ',', ')'
// or the end of the line; a name that is not defined stays as written; a
// multi-line definition only expands where its reference ends the line,
// and then makes several lines.
func (r *reader) substitute(pos Pos, text string) ([]string, bool) {
	for i := 0; i < len(text); i++ {
		if text[i] != '$' || i+1 >= len(text) {
			continue
		}
		name, end, ok := reference(text, i)
		if !ok {
			continue
		}
		value, defined := r.defs[name]
		if !defined {
			if v, ok := builtinDefinition(name, pos); ok {
				value, defined = []string{v}, true
			}
		}
		if !defined || (len(value) > 1 && end != len(text)) {
			continue
		}
		first := text[:i] + value[0] + text[end:]
		return append([]string{first}, value[1:]...), true
	}
	return nil, false
}

// reference reads the name of a $NAME or ${NAME} at text[i] and where the
// reference ends.
func reference(text string, i int) (name string, end int, ok bool) {
	j := i + 1
	braces := text[j] == '{'
	if braces {
		j++
	}
	if j >= len(text) || !nameStart(text[j]) {
		return "", 0, false
	}
	k := j + 1
	for k < len(text) && nameChar(text[k]) {
		k++
	}
	name = text[j:k]
	if braces {
		if k >= len(text) || text[k] != '}' {
			return "", 0, false
		}
		return name, k + 1, true
	}
	if k < len(text) && !strings.ContainsRune(" \t,)", rune(text[k])) {
		return "", 0, false
	}
	return name, k, true
}

// decomment removes what keepalived's decomment() removes: everything from
// a '!' or '#' outside double quotes (anywhere in the line, also glued to a
// value), the backslash of an escaped \! or \#, and leading and trailing
// blanks. A line may end in '\' (a multi-line definition goes on).
func decomment(s string) (string, error) {
	var b strings.Builder
	quote := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			quote = !quote
		case c == '\\' && i+1 < len(s):
			if !quote && (s[i+1] == '#' || s[i+1] == '!') {
				i++
				c = s[i]
			} else {
				b.WriteByte(c)
				i++
				c = s[i]
			}
		case !quote && (c == '!' || c == '#'):
			return trimBlanks(b.String()), unterminated(quote)
		}
		b.WriteByte(c)
	}
	return trimBlanks(b.String()), unterminated(quote)
}

func unterminated(quote bool) error {
	if quote {
		return fmt.Errorf("unterminated quote")
	}
	return nil
}

func trimBlanks(s string) string {
	s = strings.Trim(s, " \t")
	if strings.HasSuffix(s, `\`) { // keepalived drops the blanks before a final '\'
		s = strings.TrimRight(strings.TrimSuffix(s, `\`), " \t") + `\`
	}
	return s
}

// word is one word of a line and where it starts in it.
type word struct {
	text string
	at   int
}

// splitWords splits a line as keepalived does: blanks separate words, a
// double-quoted string is one word (without its quotes, and it also ends a
// word it is glued to), '{' and '}' outside quotes are words of their own.
func splitWords(s string) []word {
	var out []word
	i := 0
	for i < len(s) {
		switch c := s[i]; {
		case c == ' ' || c == '\t':
			i++
		case c == '{' || c == '}':
			out = append(out, word{string(c), i})
			i++
		case c == '"':
			end := strings.IndexByte(s[i+1:], '"')
			if end < 0 { // decomment reported it; take the rest
				end = len(s) - i - 1
			}
			out = append(out, word{s[i+1 : i+1+end], i})
			i += end + 2
		default:
			j := i
			for j < len(s) && !strings.ContainsRune(" \t{}\"", rune(s[j])) {
				j++
			}
			out = append(out, word{s[i:j], i})
			i = j
		}
	}
	return out
}

// node is one statement: its words, the rest of its line as written (for
// scripts, which keepalived re-reads with its own quoting), and the block
// that follows it. End is where its block closes: keepalived reports what
// it finds at the end of a block at that line.
type node struct {
	Pos      Pos
	End      Pos
	Words    []string
	Raw      string
	Children []*node
	Block    bool
}

func (n *node) key() string    { return n.Words[0] }
func (n *node) args() []string { return n.Words[1:] }

// end is where keepalived reports what it finds at the end of the block
// (the statement's own line when it has no block).
func (n *node) end() Pos {
	if n.End.Line == 0 {
		return n.Pos
	}
	return n.End
}

// parseTree builds statements and blocks. As keepalived, a missing '}' at
// the end and an extra '}' are reported and the rest is read.
func parseTree(lines []srcLine) ([]*node, []Warning) {
	var warns []Warning
	root := &node{}
	stack := []*node{root}
	for _, l := range lines {
		var cur *node
		for _, w := range splitWords(l.text) {
			top := stack[len(stack)-1]
			switch w.text {
			case "{":
				if cur == nil {
					// A brace on a line of its own opens the previous statement's block.
					if len(top.Children) == 0 || top.Children[len(top.Children)-1].Block {
						warns = append(warns, *errorf(l.pos, "unexpected '{': ignored, as keepalived does"))
						continue
					}
					cur = top.Children[len(top.Children)-1]
				}
				cur.Block = true
				stack = append(stack, cur)
				cur = nil
			case "}":
				if len(stack) == 1 {
					warns = append(warns, *errorf(l.pos, "extra '}': ignored, as keepalived does"))
					continue
				}
				stack[len(stack)-1].End = l.pos
				stack = stack[:len(stack)-1]
				cur = nil
			default:
				if cur == nil {
					cur = &node{Pos: l.pos, Raw: strings.TrimRight(strings.TrimSuffix(strings.TrimRight(l.text[w.at:], " \t"), "{"), " \t")}
					top.Children = append(top.Children, cur)
				}
				cur.Words = append(cur.Words, w.text)
			}
		}
	}
	for _, n := range slices.Backward(stack[1:]) {
		if len(lines) > 0 {
			n.End = lines[len(lines)-1].pos
		}
		warns = append(warns, *errorf(n.Pos, "block of %q is not closed: closed at the end of the file, as keepalived does", strings.Join(n.Words, " ")))
	}
	return root.Children, warns
}

// read reads a configuration and its includes into statements.
func read(path string) ([]*node, []Warning, error) {
	r := newReader()
	if err := r.readFile(path, 0, Pos{}); err != nil {
		return nil, r.warnings, err
	}
	nodes, warns := parseTree(r.lines)
	return nodes, append(r.warnings, warns...), nil
}

// scriptArgs is how keepalived reads a script statement (misc_path,
// notify_up, quorum_down...): the line is split with quotes and escapes,
// and its second word split again the same way is the command and its
// arguments (later words name a user and group).
func scriptArgs(raw string) []string {
	words := splitQuotedEscaped(raw)
	if len(words) < 2 {
		return nil
	}
	return splitQuotedEscaped(words[1])
}

// splitQuotedEscaped is keepalived's alloc_strvec_quoted_escaped: blanks
// separate words, '…' and "…" group, a backslash escapes the next
// character (\n, \t, \xHH… as in C).
func splitQuotedEscaped(s string) []string {
	var out []string
	var cur strings.Builder
	in, quote := false, byte(0)
	flush := func() {
		if in {
			out = append(out, cur.String())
			cur.Reset()
			in = false
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(unescape(s, &i))
			in = true
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			cur.WriteByte(c)
		case c == '"' || c == '\'':
			quote, in = c, true
		case c == ' ' || c == '\t':
			flush()
		default:
			cur.WriteByte(c)
			in = true
		}
	}
	flush()
	return out
}

// unescape reads the escape at s[*i] (after the backslash), leaving *i on
// its last character.
func unescape(s string, i *int) byte {
	switch c := s[*i]; c {
	case 'a':
		return '\a'
	case 'b':
		return '\b'
	case 'E':
		return 0x1b
	case 'f':
		return '\f'
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	case 'v':
		return '\v'
	case 'x':
		var v byte
		j := *i + 1
		for ; j < len(s) && isHex(s[j]); j++ {
			v = v<<4 | hexValue(s[j])
		}
		if j == *i+1 {
			return 'x'
		}
		*i = j - 1
		return v
	default:
		if c >= '0' && c <= '7' {
			v := c - '0'
			for n := 0; n < 2 && *i+1 < len(s) && s[*i+1] >= '0' && s[*i+1] <= '7'; n++ {
				*i++
				v = v<<3 | (s[*i] - '0')
			}
			return v
		}
		return c
	}
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func hexValue(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}
