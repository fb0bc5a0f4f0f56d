package ipvsadm

import (
	"bufio"

	"xvs/internal/api"
)

// configStream reads command lines the way ipvsadm's config_stream_read
// does: words split on space, tab and CR, lines on LF, every word
// "ipvsadm" dropped. There are no comments: a '#' is just a word, so a
// comment line fails like any other line that does not start with a command.
type configStream struct {
	r       *bufio.Reader
	program string
}

func isDelim(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// next returns the next line as an argv (program name first), or nil at
// the end of the input.
func (s *configStream) next() []string {
	argv := []string{s.program}
	ntoken := 0
	for {
		c, err := s.r.ReadByte()
		if err != nil {
			// fscanf's EOF before a word.
			if ntoken == 0 {
				return nil
			}
			return argv
		}
		if isDelim(c) {
			// fscanf matched nothing: ipvsadm skips blanks by hand and
			// gives up on the whole line if the input ends there.
			for {
				if c == '\n' {
					return argv
				}
				if c, err = s.r.ReadByte(); err != nil {
					return nil
				}
				if !isDelim(c) {
					s.r.UnreadByte()
					break
				}
			}
			continue
		}
		word := []byte{c}
		for {
			c, err = s.r.ReadByte()
			if err != nil || isDelim(c) {
				break
			}
			word = append(word, c)
		}
		if string(word) != "ipvsadm" {
			ntoken++
			argv = append(argv, string(word))
		}
		if err == nil && c == '\n' {
			return argv
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
