package datapath

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
)

// Offsets of data, data_end and data_meta in struct xdp_md and struct
// __sk_buff: 32-bit fields the verifier turns into 64-bit pointers.
var packetPointerFields = map[ebpf.ProgramType]map[int16]bool{
	ebpf.XDP:      {0: true, 4: true, 8: true},
	ebpf.SchedCLS: {76: true, 80: true, 140: true},
	ebpf.SchedACT: {76: true, 80: true, 140: true},
}

// truncatedPacketPointers finds 32-bit self-moves (w2 = w2) of a register
// last loaded from a packet-pointer field of the context. clang emits them
// as zero-extensions of the __u32 field; the verifier accepts them from root
// as scalars and at run time they cut the pointer, so the bounds checks
// against it fail and packets are dropped (bpf/packet.h's pkt_data/pkt_end
// avoid it). The scan is linear within each function, which is enough for
// the pattern: a load, then the move, with no other write to the register.
func truncatedPacketPointers(insns asm.Instructions, fields map[int16]bool) []string {
	var found []string
	loaded := map[asm.Register]int{} // register -> index of the load
	fn := ""
	for i, ins := range insns {
		if sym := ins.Symbol(); sym != "" {
			fn = sym
			clear(loaded)
		}
		class := ins.OpCode.Class()
		switch {
		case ins.IsFunctionCall() || ins.OpCode.JumpOp() == asm.Call && class.IsJump():
			for r := asm.R0; r <= asm.R5; r++ {
				delete(loaded, r)
			}
		case class == asm.LdXClass && ins.OpCode.Size() == asm.Word && fields[ins.Offset]:
			loaded[ins.Dst] = i
		case class == asm.ALUClass && ins.OpCode.ALUOp() == asm.Mov && ins.OpCode.Source() == asm.RegSource &&
			ins.Dst == ins.Src:
			if at, ok := loaded[ins.Dst]; ok {
				found = append(found, fmt.Sprintf("%s: insn %d %v truncates the pointer loaded at insn %d (%v)", fn, i, ins, at, insns[at]))
			}
			delete(loaded, ins.Dst)
		case class == asm.ALUClass || class == asm.ALU64Class || class == asm.LdXClass || class == asm.LdClass:
			delete(loaded, ins.Dst)
		}
	}
	return found
}

// TestNoTruncatedPacketPointers checks every committed BPF object.
func TestNoTruncatedPacketPointers(t *testing.T) {
	objects := []string{"xvs_bpfel.o", "../realserver/decap_bpfel.o", "../../bench/pktgen/pktgen_bpfel.o"}
	for _, obj := range objects {
		spec, err := ebpf.LoadCollectionSpec(obj)
		if err != nil {
			t.Fatal(err)
		}
		for name, p := range spec.Programs {
			for _, f := range truncatedPacketPointers(p.Instructions, packetPointerFields[p.Type]) {
				t.Errorf("%s %s: %s", filepath.Base(obj), name, f)
			}
		}
	}
}

// TestTruncatedPacketPointersFound: the scan finds the pattern clang
// produced in send_icmp (a data_end load, then w2 = w2) and leaves a
// reloaded register alone.
func TestTruncatedPacketPointersFound(t *testing.T) {
	bad := asm.Instructions{
		asm.LoadMem(asm.R2, asm.R6, 4, asm.Word).WithSymbol("send_icmp"),
		asm.Mov.Reg(asm.R3, asm.R1),
		asm.Mov.Reg32(asm.R2, asm.R2),
		asm.Return(),
	}
	if got := truncatedPacketPointers(bad, packetPointerFields[ebpf.XDP]); len(got) != 1 {
		t.Errorf("bad sequence: %v", got)
	}
	good := asm.Instructions{
		asm.LoadMem(asm.R2, asm.R6, 4, asm.Word).WithSymbol("f"),
		asm.LoadImm(asm.R2, 7, asm.DWord),
		asm.Mov.Reg32(asm.R2, asm.R2),
		asm.Return(),
	}
	if got := truncatedPacketPointers(good, packetPointerFields[ebpf.XDP]); len(got) != 0 {
		t.Errorf("good sequence: %v", got)
	}
}
