package ipvsadm

import (
	"fmt"

	"xvs/internal/api"
	"xvs/internal/model"
)

// xvs extends ipvsadm's command line only with NEW long options, so every
// ipvsadm 1.31 command line keeps its exact meaning and output. To add one:
//
//  1. append an extension to extensions below, with a tag from tagExtension
//     upwards, its long name and whether it takes an argument;
//  2. store what it sets in extensionOptions;
//  3. check in its parse function which commands it goes with (the
//     command × option matrix covers ipvsadm's own options only), and act on
//     it where the command runs (run.go) or where the listing is printed
//     (format.go).
//
// Short options stay ipvsadm's: a new short letter would change how popt
// splits bundles such as -Ln.

// markRuleCommand runs xvs's mark-rule commands, long options that stand
// alone on a command line (ipvsadm has no command they could go with):
//
//	--add-mark-rule PROTO,PREFIX,PORTS,MARK
//	--del-mark-rule PROTO,PREFIX,PORTS,MARK
//	--list-mark-rules
//
// ok is false for every other command line.
func (r *runner) markRuleCommand(argv []string) (res int, err error, ok bool) {
	if len(argv) < 2 {
		return 0, nil, false
	}
	op := map[string]model.Op{"--add-mark-rule": model.OpAddMarkRule, "--del-mark-rule": model.OpDelMarkRule}[argv[1]]
	switch {
	case argv[1] == "--list-mark-rules" && len(argv) == 2:
		t, err := r.getTable()
		if err != nil {
			return 0, err, true
		}
		for _, m := range t.MarkRules {
			fmt.Fprintln(r.out, m)
		}
		return 0, nil, true
	case op == "":
		return 0, nil, false
	case len(argv) != 3:
		return 0, &exit{code: 2, stderr: argv[1] + " takes one rule: PROTO,PREFIX,PORTS,MARK\n"}, true
	}
	rule, perr := model.ParseMarkRule(argv[2])
	if perr != nil {
		return 0, &exit{code: 2, stderr: perr.Error() + "\n"}, true // a bad value: exit 2, as ipvsadm's
	}
	resp, err := r.call(api.Request{Op: op, MarkRule: &rule})
	if err != nil {
		return 0, err, true
	}
	return r.report(resp.Error), nil, true
}

// extensionOptions holds the values of xvs's own long options.
type extensionOptions struct {
	health bool // -L --health: the health checks of real servers
	events bool // -L --events: the datapath's event counters
	vrrp   bool // -L --vrrp: the VRRP instances
}

// listing names the extension that replaces -L's listing, "" for none.
func (e extensionOptions) listing() string {
	switch {
	case e.health:
		return "--health"
	case e.events:
		return "--events"
	case e.vrrp:
		return "--vrrp"
	}
	return ""
}

// extension is one of xvs's own long options.
type extension struct {
	spec  optSpec
	parse func(c *command, arg *string) error
}

// extensions lists xvs's own long options.
var extensions = []extension{
	{spec: optSpec{long: "health", tag: tagExtension}, parse: func(c *command, _ *string) error {
		c.extension.health = true
		return nil
	}},
	{spec: optSpec{long: "events", tag: tagExtension + 1}, parse: func(c *command, _ *string) error {
		c.extension.events = true
		return nil
	}},
	{spec: optSpec{long: "vrrp", tag: tagExtension + 2}, parse: func(c *command, _ *string) error {
		c.extension.vrrp = true
		return nil
	}},
}

// extensionTags finds an extension by its popt tag.
var extensionTags = map[int]extension{}

func init() {
	for _, e := range extensions {
		if e.spec.short != 0 || e.spec.tag < tagExtension {
			panic("ipvsadm: an extension must be a long option with a tag from tagExtension up")
		}
		optionTable = append(optionTable, e.spec)
		extensionTags[e.spec.tag] = e
	}
}
