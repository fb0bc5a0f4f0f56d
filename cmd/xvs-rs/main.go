// Command xvs-rs prepares a real server (or a director's veth peer) for xvs:
//
//	xvs-rs dr  --vip VIP                          VIP on lo, arp_ignore=1, arp_announce=2
//	xvs-rs tun --vip VIP --type ipip|gue|gre [--port N] [--dev IF]
//	                                             the same, plus the tc-ingress BPF decapsulator on IF
//	xvs-rs undo --vip VIP [--dev IF]             take the VIP away again
//	xvs-rs napi --dev IF                         XDP pass program on IF (a veth peer of a director)
package main

import (
	"flag"
	"fmt"
	"net/netip"
	"os"

	"xvs/internal/realserver"
)

const usage = `usage:
  xvs-rs dr   --vip VIP
  xvs-rs tun  --vip VIP --type ipip|gue|gre [--port N] [--dev IF]
  xvs-rs undo --vip VIP [--dev IF]
  xvs-rs napi --dev IF
`

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "xvs-rs: %v\n", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	fs := flag.NewFlagSet("xvs-rs "+args[0], flag.ContinueOnError)
	vipText := fs.String("vip", "", "virtual IP address")
	typ := fs.String("type", "ipip", "tunnel type: ipip, gue or gre")
	port := fs.Uint("port", 0, "GUE UDP port")
	dev := fs.String("dev", "eth0", "interface the tunnelled packets arrive on")
	if err := fs.Parse(args[1:]); err != nil {
		os.Exit(2)
	}
	if args[0] == "napi" {
		return realserver.EnableNAPI(*dev)
	}
	vip, err := netip.ParseAddr(*vipText)
	if err != nil {
		return fmt.Errorf("--vip: %v", err)
	}
	if *port > 65535 {
		return fmt.Errorf("--port %d out of range", *port)
	}
	switch args[0] {
	case "dr":
		return realserver.SetupDR(vip)
	case "tun":
		return realserver.SetupTUN(vip, *dev, *typ, uint16(*port))
	case "undo":
		return realserver.Undo(vip, *dev)
	}
	fmt.Fprint(os.Stderr, usage)
	os.Exit(2)
	return nil
}
