package ipvsadm

import (
	"bufio"
	"fmt"
	"path/filepath"
	"strings"
)

// ipvsadm 1.31 ships two shell wrappers, ipvsadm-save and ipvsadm-restore.
// xvsadm is both when it is run by one of these names (make build links
// them to it), with the wrappers' options, messages and exit statuses.

// wrapper runs the wrapper that argv[0] names; ok is false for any other
// name.
func (cli *CLI) wrapper(argv []string) (rc int, ok bool) {
	switch filepath.Base(argv[0]) {
	case "ipvsadm-save":
		return cli.save(argv), true
	case "ipvsadm-restore":
		return cli.restoreWrapper(), true
	}
	return 0, false
}

// save is ipvsadm-save [-n]: ipvsadm -S, numeric with -n. Any other
// argument that starts with '-' prints the help on stderr, exit 1; other
// arguments are ignored.
func (cli *CLI) save(argv []string) int {
	args := []string{"ipvsadm", "-S"}
	numeric := false
	for _, a := range argv[1:] {
		switch {
		case a == "-n":
			numeric = true
		case strings.HasPrefix(a, "-"):
			fmt.Fprintf(cli.Stderr, "%s: Script to save the IPVS table to stdout.\n"+
				"   With the -n option, prints out the table in numeric format.\n", filepath.Base(argv[0]))
			return 1
		}
	}
	if numeric {
		args = append(args, "-n")
	}
	return cli.Run(args)
}

// restoreWrapper is ipvsadm-restore: stdin without its lines that start
// with '#' (and without its trailing newlines, plus one, as the script's
// "$(grep -v '^#')" and echo leave it) goes to ipvsadm -R after an
// ipvsadm -C. Arguments are ignored; the status is -R's.
func (cli *CLI) restoreWrapper() int {
	var in strings.Builder
	if cli.Stdin != nil {
		r := bufio.NewReader(cli.Stdin)
		for {
			line, err := r.ReadString('\n')
			if line != "" && !strings.HasPrefix(line, "#") {
				in.WriteString(strings.TrimSuffix(line, "\n") + "\n")
			}
			if err != nil {
				break
			}
		}
	}
	input := strings.TrimRight(in.String(), "\n") + "\n"
	clear := *cli
	clear.Stdin = strings.NewReader("")
	clear.Run([]string{"ipvsadm", "-C"})
	restore := *cli
	restore.Stdin = strings.NewReader(input)
	return restore.Run([]string{"ipvsadm", "-R"})
}
