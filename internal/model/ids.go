package model

// idAlloc hands out the lowest free id from 1 up, so ids stay dense: the
// datapath indexes array maps by them.
type idAlloc struct {
	used map[uint32]bool
	hint uint32 // no id below hint is free
}

func newIDAlloc() idAlloc { return idAlloc{used: map[uint32]bool{}, hint: 1} }

func (a *idAlloc) take(id uint32) { a.used[id] = true }

func (a *idAlloc) alloc() uint32 {
	for a.used[a.hint] {
		a.hint++
	}
	a.used[a.hint] = true
	return a.hint
}

func (a *idAlloc) free(id uint32) {
	delete(a.used, id)
	if id < a.hint {
		a.hint = id
	}
}
