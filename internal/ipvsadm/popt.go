package ipvsadm

import "strings"

// argKind says whether an option takes an argument, as popt's argInfo does.
type argKind int

const (
	argNone     argKind = iota // POPT_ARG_NONE
	argRequired                // POPT_ARG_STRING
	argOptional                // POPT_ARG_STRING | POPT_ARGFLAG_OPTIONAL
)

// optSpec is one row of ipvsadm's popt option table.
type optSpec struct {
	long  string
	short byte
	arg   argKind
	tag   int
}

// popt's error codes that ipvsadm can see.
const (
	poptErrNoArg       = -10
	poptErrUnwantedArg = -12
	poptErrBadOpt      = -11
)

// poptStrerror is popt's text for an error code.
func poptStrerror(code int) string {
	switch code {
	case poptErrNoArg:
		return "missing argument"
	case poptErrUnwantedArg:
		return "option does not take an argument"
	case poptErrBadOpt:
		return "unknown option"
	}
	return "unknown error"
}

// popt scans a command line the way libpopt 1.19's poptGetNextOpt does for
// a table without aliases, callbacks or one-dash long options: bundled short
// options, "--long=value", "--" ending the options, and non-options kept
// as leftovers wherever they appear.
type popt struct {
	table        []optSpec
	argv         []string // argv[0] is the program name
	next         int
	nextChar     string // the rest of a bundle of short options
	restLeftover bool
	leftovers    []string
	nextLeftover int
}

func newPopt(table []optSpec, argv []string) *popt {
	return &popt{table: table, argv: argv, next: 1}
}

func (p *popt) findLong(name string) *optSpec {
	for i := range p.table {
		if p.table[i].long != "" && p.table[i].long == name {
			return &p.table[i]
		}
	}
	return nil
}

func (p *popt) findShort(c byte) *optSpec {
	for i := range p.table {
		if p.table[i].short == c {
			return &p.table[i]
		}
	}
	return nil
}

// nextOpt returns the next option's tag and argument (nil when an optional
// argument is absent), -1 at the end, or a negative popt error code.
func (p *popt) nextOpt() (int, *string) {
	for {
		if p.nextChar == "" && p.next == len(p.argv) {
			return -1, nil
		}
		var opt *optSpec
		var longArg *string
		if p.nextChar == "" {
			orig := p.argv[p.next]
			p.next++
			if p.restLeftover || !strings.HasPrefix(orig, "-") || orig == "-" {
				p.leftovers = append(p.leftovers, orig)
				continue
			}
			if orig == "--" {
				p.restLeftover = true
				continue
			}
			s, oneDash := orig[1:], true
			if strings.HasPrefix(s, "-") {
				s, oneDash = s[1:], false
			}
			name := s
			if i := strings.IndexByte(s, '='); i >= 0 {
				name = s[:i]
				v := s[i+1:]
				longArg = &v
			}
			if !oneDash {
				if opt = p.findLong(name); opt == nil {
					return poptErrBadOpt, nil
				}
			} else {
				// No option of ipvsadm's table takes one-dash long names:
				// "-abc" is a bundle of short options.
				p.nextChar = orig[1:]
				longArg = nil
			}
		}
		if p.nextChar != "" {
			c := p.nextChar[0]
			p.nextChar = p.nextChar[1:]
			if opt = p.findShort(c); opt == nil {
				return poptErrBadOpt, nil
			}
		}
		if opt.arg == argNone {
			if longArg != nil || strings.HasPrefix(p.nextChar, "=") {
				return poptErrUnwantedArg, nil
			}
			return opt.tag, nil
		}
		switch {
		case longArg != nil:
		case p.nextChar != "":
			v := strings.TrimPrefix(p.nextChar, "=")
			longArg, p.nextChar = &v, ""
		case p.next == len(p.argv):
			if opt.arg != argOptional {
				return poptErrNoArg, nil
			}
		case opt.arg == argOptional && strings.HasPrefix(p.argv[p.next], "-"):
		default:
			v := p.argv[p.next]
			p.next++
			longArg = &v
		}
		return opt.tag, longArg
	}
}

// badOption is poptBadOption(con, POPT_BADOPTION_NOALIAS): the last
// command-line word consumed.
func (p *popt) badOption() string {
	return p.argv[p.next-1]
}

// arg is poptGetArg: the next leftover, if any.
func (p *popt) arg() (string, bool) {
	if p.nextLeftover < len(p.leftovers) {
		p.nextLeftover++
		return p.leftovers[p.nextLeftover-1], true
	}
	return "", false
}
