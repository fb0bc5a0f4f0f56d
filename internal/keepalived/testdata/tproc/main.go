// Command tproc waits until it is killed: the process the track_process
// recordings count (oracle-processes.sh, TestTrackProcesses), the same
// binary in the oracle VM and here, so that comm and cmdline match alike.
package main

import (
	"os"
	"os/signal"
	"syscall"
)

func main() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGTERM, syscall.SIGINT)
	<-c
}
