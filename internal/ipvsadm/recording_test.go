package ipvsadm

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// step is one recorded ipvsadm invocation and what it printed.
type step struct {
	line   int // where it starts in the file
	args   []string
	stdin  *string
	stdout string
	stderr string
	rc     int
}

var markerRE = regexp.MustCompile(`^(.*?)--- (stdin|stdout|stderr|rc -?\d+)$`)

// readRecording reads the replay format: "### ipvsadm ARGS", then
// "--- stdin" (optional), "--- stdout", "--- stderr", "--- rc N" sections.
// Output without a final newline runs into the next marker ("text--- rc 0"),
// which is how the recording scripts' cat/echo leave it.
func readRecording(path string) ([]step, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var steps []step
	var cur *step
	var section string
	var buf strings.Builder
	end := func() {
		if cur == nil {
			return
		}
		s := buf.String()
		switch section {
		case "stdin":
			cur.stdin = &s
		case "stdout":
			cur.stdout = s
		case "stderr":
			cur.stderr = s
		}
		buf.Reset()
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, "### ipvsadm"); ok && (section == "rc" || cur == nil) {
			args, err := shellWords(strings.TrimSpace(rest))
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", path, n, err)
			}
			steps = append(steps, step{line: n, args: args})
			cur, section = &steps[len(steps)-1], ""
			continue
		}
		if cur == nil || section == "rc" {
			continue // text between steps (comments)
		}
		if m := markerRE.FindStringSubmatch(line); m != nil {
			buf.WriteString(m[1])
			end()
			section = m[2]
			if rc, ok := strings.CutPrefix(section, "rc "); ok {
				cur.rc, _ = strconv.Atoi(rc)
				section = "rc"
			}
			continue
		}
		buf.WriteString(line + "\n")
	}
	return steps, sc.Err()
}

var seedRE = regexp.MustCompile(`^# kernel service hash seed: (\d+)$`)

// recordingSeed reads the service hash seed of the kernel that made a
// recording: record.sh measures it (it orders -L --nosort) and writes it
// in every file's header.
func recordingSeed(path string) (uint8, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() && strings.HasPrefix(sc.Text(), "#") && !strings.HasPrefix(sc.Text(), "###") {
		if m := seedRE.FindStringSubmatch(sc.Text()); m != nil {
			n, err := strconv.ParseUint(m[1], 10, 8)
			return uint8(n), err
		}
	}
	return 0, fmt.Errorf("%s: no %q line in the header", path, "# kernel service hash seed: N")
}

// shellWords splits a command line as sh would: blanks, '...', "..." and \.
func shellWords(s string) ([]string, error) {
	var words []string
	var w strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("unterminated ' in %q", s)
			}
			w.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\"\\$`", s[i+1]) >= 0 {
					i++
				}
				w.WriteByte(s[i])
			}
			if i == len(s) {
				return nil, fmt.Errorf("unterminated \" in %q", s)
			}
			inWord = true
		case c == '\\' && i+1 < len(s):
			i++
			w.WriteByte(s[i])
			inWord = true
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words, nil
}

func TestShellWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"-A -t 1.2.3.4:80", []string{"-A", "-t", "1.2.3.4:80"}},
		{"-s ''", []string{"-s", ""}},
		{`-t '[::1]:80' "a b" c\ d`, []string{"-t", "[::1]:80", "a b", "c d"}},
		{"", nil},
	}
	for _, tt := range tests {
		got, err := shellWords(tt.in)
		if err != nil || fmt.Sprint(got) != fmt.Sprint(tt.want) || len(got) != len(tt.want) {
			t.Errorf("shellWords(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}
