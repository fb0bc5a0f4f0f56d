package ipvsadm

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

// extensionOptions holds the values of xvs's own long options.
type extensionOptions struct {
	health bool // -L --health: the health checks of real servers
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
