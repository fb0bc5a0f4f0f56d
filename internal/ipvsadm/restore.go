package ipvsadm

import (
	"bufio"
	"bytes"

	"xvs/internal/api"
)

// configStream reads command lines the way ipvsadm's config_stream_read
// does: words split on space, tab and CR, lines on LF, every word
// "ipvsadm" dropped. There are no comments: a '#' is just a word, so a
// comment line fails like any other line that does not start with a command.
// A word is a C string: whatever follows a NUL byte in it is lost.
//
// The reader is fscanf(stream, "%4096[^ \t\n\r]%1[ \t\n\r]", word, tail)
// in a loop. A word longer than maxWord comes out in pieces of maxWord
// bytes, each a word of its own; after such a piece the delimiter match
// fails and tail keeps what it held, which is the delimiter read last, even
// in an earlier line (the buffer lives in the same stack frame each call).
// If that was a newline, the piece ends its line.
type configStream struct {
	r       *bufio.Reader
	program string
	tail    byte // the delimiter the last successful match read; 0 at first
}

// maxWord is MAX_LINE_LENGTH, the width of config_stream_read's %[.
const maxWord = 4096

func isDelim(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// next returns the next line as an argv (program name first), or nil at
// the end of the input.
func (s *configStream) next() []string {
	argv := []string{s.program}
	ntoken := 0
	for {
		word, eof := s.word()
		if word == nil {
			if eof {
				// fscanf's EOF before a word.
				if ntoken == 0 {
					return nil
				}
				return argv
			}
			// fscanf matched nothing: ipvsadm skips blanks by hand and
			// gives up on the whole line if the input ends there.
			end, ok := s.skipBlanks()
			if !ok {
				return nil
			}
			if end {
				return argv
			}
			continue
		}
		// The word is a C string: a NUL byte ends it.
		if i := bytes.IndexByte(word, 0); i >= 0 {
			word = word[:i]
		}
		if string(word) != "ipvsadm" {
			ntoken++
			argv = append(argv, string(word))
		}
		// strrchr(tail, '\n'): the delimiter just read, or when none
		// followed the word, the one read before it.
		s.matchDelim()
		if s.tail == '\n' {
			return argv
		}
	}
}

// word reads up to maxWord bytes that are not delimiters; nil when there
// are none (eof tells whether the input ended there).
func (s *configStream) word() (word []byte, eof bool) {
	for len(word) < maxWord {
		c, err := s.r.ReadByte()
		if err != nil {
			return word, len(word) == 0
		}
		if isDelim(c) {
			s.r.UnreadByte()
			break
		}
		word = append(word, c)
	}
	return word, false
}

// matchDelim is the second conversion, %1[ \t\n\r]: one delimiter into
// tail, or nothing (tail as it was) before another byte or the end.
func (s *configStream) matchDelim() {
	c, err := s.r.ReadByte()
	if err != nil {
		return
	}
	if !isDelim(c) {
		s.r.UnreadByte()
		return
	}
	s.tail = c
}

// skipBlanks is the fgetc loop after a failed match: blanks up to the end
// of the line (end), or up to the next word; ok is false when the input
// ends first.
func (s *configStream) skipBlanks() (end, ok bool) {
	for {
		c, err := s.r.ReadByte()
		if err != nil {
			return false, false
		}
		switch c {
		case '\n':
			return true, true
		case ' ', '\t', '\r':
		default:
			s.r.UnreadByte()
			return false, true
		}
	}
}

// restore is ipvsadm's restore_table: each line of stdin is a command
// line of its own. A line that fails to parse ends the run (what came
// before stays applied); a refused change prints its error and the run
// goes on; the status is the last line's. Runs of changes go to xvsd in
// one batch each, so large rule sets load quickly.
func (r *runner) restore() (int, error) {
	in := &configStream{r: bufio.NewReaderSize(r.cli.Stdin, 1<<16), program: r.parser.program}
	result := 0
	var batch BatchSender
	flush := func() error {
		if batch == nil {
			return nil
		}
		n := batch.Len()
		resp, err := batch.Finish()
		batch = nil
		if err != nil {
			return &daemonError{err}
		}
		if resp.Error != nil {
			result = r.report(resp.Error)
			return nil
		}
		for i := range n {
			var e *api.Error
			if i < len(resp.Results) {
				e = resp.Results[i].Error
			}
			result = r.report(e)
		}
		return nil
	}
	for argv := in.next(); argv != nil; argv = in.next() {
		if len(argv) <= 1 {
			continue
		}
		c, err := r.parser.parse(argv)
		if err == nil && isMutation(c.cmd) {
			if batch == nil {
				if batch, err = r.startBatch(); err != nil {
					return 0, &daemonError{err}
				}
			}
			if err := batch.Add(request(c)); err != nil {
				return 0, &daemonError{err}
			}
			continue
		}
		if ferr := flush(); ferr != nil {
			return 0, ferr
		}
		var res int
		res, err = r.process(argv, true)
		if err != nil {
			return 0, err
		}
		result = res
	}
	if err := flush(); err != nil {
		return 0, err
	}
	return result, nil
}

// BatchSender is one batch request being sent (api.BatchStream).
type BatchSender interface {
	Add(req api.Request) error
	Len() int
	Finish() (*api.Response, error)
}

// BatchClient is a Client that streams batches: restore sends each line's
// request as it reads the next, instead of parsing everything first.
type BatchClient interface {
	StartBatch() (BatchSender, error)
}

func (r *runner) startBatch() (BatchSender, error) {
	if bc, ok := r.cli.Client.(BatchClient); ok {
		return bc.StartBatch()
	}
	return &heldBatch{client: r.cli.Client}, nil
}

// heldBatch collects a batch for a Client that only sends whole requests.
type heldBatch struct {
	client Client
	reqs   []api.Request
}

func (b *heldBatch) Add(req api.Request) error { b.reqs = append(b.reqs, req); return nil }
func (b *heldBatch) Len() int                  { return len(b.reqs) }
func (b *heldBatch) Finish() (*api.Response, error) {
	return b.client.Call(api.Request{Op: api.OpBatch, Batch: b.reqs})
}
