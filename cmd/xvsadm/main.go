// Command xvsadm is xvs's ipvsadm: the same command line and the same
// output as ipvsadm 1.31, talking to xvsd over its socket ($XVS_SOCKET or
// the default). It is also installed as ipvsadm.
package main

import (
	"os"

	"xvs/internal/api"
	"xvs/internal/ipvsadm"
)

// client calls the daemon on the socket the environment selects.
type client struct{ socket string }

func (c client) Call(req api.Request) (*api.Response, error) { return api.Call(c.socket, req) }

func main() {
	os.Exit(ipvsadm.Run(os.Args, os.Stdin, os.Stdout, os.Stderr, client{api.SocketPath()}))
}
