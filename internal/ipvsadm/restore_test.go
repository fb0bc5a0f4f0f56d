package ipvsadm

import (
	"bufio"
	"fmt"
	"strings"
	"testing"
)

// TestConfigStreamLongWords: words of more than 4096 bytes come out in
// pieces; a piece ends its line when the delimiter read last was a newline.
func TestConfigStreamLongWords(t *testing.T) {
	a4097 := strings.Repeat("a", 4097)
	tests := []struct {
		in   string
		want []string // lines, words joined by "|", runs of a or b by their length
	}{
		{"-s " + a4097 + "\n", []string{"-s|4096|1"}},
		{a4097 + " -A\n", []string{"4096|1|-A"}},
		{"-A\n" + a4097 + " -A\n", []string{"-A", "4096", "1|-A"}},
		{"-A \n" + a4097 + " -A\n", []string{"-A", "4096|1|-A"}},
		{"-A\n" + strings.Repeat("b", 4096) + " -A\n", []string{"-A", "4096|-A"}},
		{"x" + strings.Repeat(" ", 5000) + "y\n", []string{"x|y"}},
	}
	for _, tt := range tests {
		cs := &configStream{r: bufio.NewReader(strings.NewReader(tt.in)), program: "ipvsadm"}
		var got []string
		for argv := cs.next(); argv != nil; argv = cs.next() {
			var words []string
			for _, w := range argv[1:] {
				if strings.Trim(w, "ab") == "" {
					w = fmt.Sprint(len(w))
				}
				words = append(words, w)
			}
			got = append(got, strings.Join(words, "|"))
		}
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%.20q...: lines %q, want %q", tt.in, got, tt.want)
		}
	}
}
