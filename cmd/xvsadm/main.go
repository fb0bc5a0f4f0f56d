// Command xvsadm is xvs's ipvsadm: the same command line and the same
// output as ipvsadm 1.31, talking to xvsd over its socket ($XVS_SOCKET or
// the default). It is also installed as ipvsadm.
package main

import (
	"os"
	"runtime/debug"

	"xvs/internal/api"
	"xvs/internal/ipvsadm"
)

// client calls the daemon on the socket the environment selects.
type client struct{ socket string }

func (c client) Call(req api.Request) (*api.Response, error) { return api.Call(c.socket, req) }

// StartBatch streams ipvsadm -R's changes to the daemon as they are read.
func (c client) StartBatch() (ipvsadm.BatchSender, error) { return api.StartBatch(c.socket) }

func main() {
	// A run is short and its garbage small, but `ipvsadm -R` of a large
	// table allocates per line: at the default the collector ran 25 times
	// for 50 000 lines, a third of the restore's time.
	debug.SetGCPercent(400)
	os.Exit(ipvsadm.Run(os.Args, os.Stdin, os.Stdout, os.Stderr, client{api.SocketPath()}))
}
