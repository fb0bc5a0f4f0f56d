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

// sharedLookupSites finds calls of bpf_map_lookup_elem whose map pointer
// (R1) is not loaded in the call's own basic block: more than one map may
// reach them. clang merges the tails of two branches that each look a key up
// in their own map (conns4 and conns) into one call; the verifier then cannot
// inline that lookup (it inlines hash and array lookups per call site, for
// one map) and every packet pays a helper call instead, ~20 ns on a hit.
func sharedLookupSites(insns asm.Instructions) []string {
	raw := make([]int, len(insns)+1) // raw instruction offsets (a 64-bit load takes two)
	for i, ins := range insns {
		raw[i+1] = raw[i] + int(ins.Size()/asm.InstructionSize)
	}
	landing := map[int]bool{} // raw offsets that a jump lands on
	for i, ins := range insns {
		op := ins.OpCode.JumpOp()
		if ins.OpCode.Class().IsJump() && op != asm.Call && op != asm.Exit && ins.Reference() == "" {
			landing[raw[i+1]+int(ins.Offset)] = true
		}
	}
	var found []string
	fn := ""
	for i, ins := range insns {
		if sym := ins.Symbol(); sym != "" {
			fn = sym
		}
		if !ins.IsBuiltinCall() || asm.BuiltinFunc(ins.Constant) != asm.FnMapLookupElem {
			continue
		}
		own := false
		for j := i - 1; j >= 0 && !landing[raw[j+1]]; j-- { // a jump lands after j: a block starts there
			if insns[j].Dst == asm.R1 && writesDst(insns[j]) {
				own = insns[j].IsLoadFromMap()
				break
			}
			if insns[j].Symbol() != "" {
				break // the function starts with R1 an argument
			}
		}
		if !own {
			found = append(found, fmt.Sprintf("%s: insn %d looks up a map that is not set in its own block", fn, i))
		}
	}
	return found
}

// writesDst: the instruction writes its destination register.
func writesDst(ins asm.Instruction) bool {
	switch ins.OpCode.Class() {
	case asm.ALUClass, asm.ALU64Class, asm.LdXClass, asm.LdClass:
		return true
	}
	return false
}

// TestNoSharedLookupSites checks the datapath's programs.
func TestNoSharedLookupSites(t *testing.T) {
	spec, err := ebpf.LoadCollectionSpec("xvs_bpfel.o")
	if err != nil {
		t.Fatal(err)
	}
	for name, p := range spec.Programs {
		for _, f := range sharedLookupSites(p.Instructions) {
			t.Errorf("%s: %s", name, f)
		}
	}
}

// TestSharedLookupSitesFound: a lookup that a jump reaches with another R1
// than its block's is found; one whose block loads its map is not.
func TestSharedLookupSitesFound(t *testing.T) {
	prog := func(jump bool) asm.Instructions {
		first := asm.Mov.Imm(asm.R0, 0)
		if jump { // to the call, past the map load (raw offset 1 + 2)
			first = asm.Instruction{OpCode: asm.JEq.Op(asm.ImmSource), Dst: asm.R6, Offset: 2}
		}
		return asm.Instructions{
			first.WithSymbol("f"),
			asm.LoadMapPtr(asm.R1, 3),
			asm.FnMapLookupElem.Call(),
			asm.Return(),
		}
	}
	if got := sharedLookupSites(prog(true)); len(got) != 1 {
		t.Errorf("shared site: %v", got)
	}
	if got := sharedLookupSites(prog(false)); len(got) != 0 {
		t.Errorf("own site: %v", got)
	}
}
