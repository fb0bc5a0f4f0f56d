// Package keepalived reads the LVS part of keepalived.conf: global_defs,
// virtual_server_group, virtual_server with its real servers and checkers,
// include files, comments and keepalived's value syntax. It turns them into
// xvs's model and health-check configurations, with file:line on every
// warning and error.
package keepalived

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Pos is where something was written.
type Pos struct {
	File string
	Line int
}

func (p Pos) String() string { return fmt.Sprintf("%s:%d", p.File, p.Line) }

// node is one statement: its words, and the block that follows it.
type node struct {
	Pos      Pos
	Words    []string
	Children []*node
	Block    bool
}

func (n *node) key() string    { return strings.ToLower(n.Words[0]) }
func (n *node) args() []string { return n.Words[1:] }

// Error is a configuration error at a place.
type Error struct {
	Pos Pos
	Msg string
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Pos, e.Msg) }

func errorf(p Pos, format string, args ...any) *Error {
	return &Error{Pos: p, Msg: fmt.Sprintf(format, args...)}
}

// token is one word with its position.
type token struct {
	text string
	pos  Pos
}

// tokenize splits a file into tokens, following include directives (with
// globs, relative to the including file) and dropping comments (! and #).
func tokenize(path string, depth int, out *[]token) error {
	if depth > 8 {
		return fmt.Errorf("%s: include nesting too deep", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	line := 0
	for sc.Scan() {
		line++
		words, err := splitLine(sc.Text())
		if err != nil {
			return errorf(Pos{path, line}, "%v", err)
		}
		if len(words) >= 1 && strings.ToLower(words[0]) == "include" {
			if len(words) != 2 {
				return errorf(Pos{path, line}, "include needs one file name or pattern")
			}
			pattern := words[1]
			if !filepath.IsAbs(pattern) {
				pattern = filepath.Join(filepath.Dir(path), pattern)
			}
			matches, err := filepath.Glob(pattern)
			if err != nil {
				return errorf(Pos{path, line}, "include %s: %v", words[1], err)
			}
			if len(matches) == 0 {
				return errorf(Pos{path, line}, "include %s: no such file", words[1])
			}
			for _, m := range matches {
				if err := tokenize(m, depth+1, out); err != nil {
					return err
				}
			}
			continue
		}
		for _, w := range words {
			*out = append(*out, token{w, Pos{path, line}})
		}
		*out = append(*out, token{"\n", Pos{path, line}})
	}
	return sc.Err()
}

// splitLine splits on blanks; braces are words of their own; quotes group;
// ! and # start a comment.
func splitLine(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inQuote, have := false, false
	flush := func() {
		if have {
			words = append(words, cur.String())
			cur.Reset()
			have = false
		}
	}
	for _, r := range s {
		switch {
		case inQuote && r == '"':
			inQuote = false
		case inQuote:
			cur.WriteRune(r)
		case r == '"':
			inQuote, have = true, true
		case r == '!' || r == '#':
			if !have {
				flush()
				return words, nil
			}
			cur.WriteRune(r)
		case r == '{' || r == '}':
			flush()
			words = append(words, string(r))
		case r == ' ' || r == '\t' || r == '\r':
			flush()
		default:
			cur.WriteRune(r)
			have = true
		}
	}
	if inQuote {
		return nil, fmt.Errorf("unterminated quote")
	}
	flush()
	return words, nil
}

// parseTree builds statements and blocks from the tokens.
func parseTree(toks []token) ([]*node, error) {
	root := &node{}
	stack := []*node{root}
	var cur *node
	for _, t := range toks {
		top := stack[len(stack)-1]
		switch t.text {
		case "\n":
			cur = nil
		case "{":
			if cur == nil {
				// A brace on a line of its own opens the previous statement's block.
				if len(top.Children) == 0 {
					return nil, errorf(t.pos, "'{' without a statement")
				}
				cur = top.Children[len(top.Children)-1]
			}
			cur.Block = true
			stack = append(stack, cur)
			cur = nil
		case "}":
			if len(stack) == 1 {
				return nil, errorf(t.pos, "unbalanced '}'")
			}
			stack = stack[:len(stack)-1]
			cur = nil
		default:
			if cur == nil {
				cur = &node{Pos: t.pos}
				top.Children = append(top.Children, cur)
			}
			cur.Words = append(cur.Words, t.text)
		}
	}
	if len(stack) != 1 {
		n := stack[len(stack)-1]
		return nil, errorf(n.Pos, "block of %q is not closed", strings.Join(n.Words, " "))
	}
	return root.Children, nil
}
