package model

import (
	"errors"
	"syscall"
)

// Op names a control operation, as libipvs names the function that failed;
// the user-visible message of an error depends on it (ipvs_strerror).
type Op string

// Control operations.
const (
	OpAddService  Op = "add-service"
	OpEditService Op = "edit-service"
	OpDelService  Op = "del-service"
	OpFlush       Op = "flush"
	OpAddDest     Op = "add-dest"
	OpEditDest    Op = "edit-dest"
	OpDelDest     Op = "del-dest"
	OpZero        Op = "zero"
	OpSetTimeout  Op = "set-timeout"
	OpStartDaemon Op = "start-daemon"
	OpStopDaemon  Op = "stop-daemon"
	OpGetService  Op = "get-service"
)

// Error is a refusal of the control plane: the errno the kernel would return
// for the operation, rendered with libipvs's message for that operation.
type Error struct {
	Op    Op
	Errno syscall.Errno
}

func (e *Error) Error() string { return Message(e.Op, e.Errno) }

// Is lets errors.Is(err, syscall.EEXIST) work.
func (e *Error) Is(target error) bool {
	t, ok := target.(syscall.Errno)
	return ok && t == e.Errno
}

func fail(op Op, errno syscall.Errno) error { return &Error{Op: op, Errno: errno} }

// opMessages is libipvs.c ipvs_strerror's table; "" matches any operation.
var opMessages = []struct {
	op    Op
	errno syscall.Errno
	msg   string
}{
	{OpAddService, syscall.EEXIST, "Service already exists"},
	{OpAddMarkRule, syscall.EEXIST, "Mark rule already exists"},
	{OpAddMarkRule, syscall.ENOSPC, "Too many mark rules for this prefix"},
	{OpAddMarkRule, syscall.EINVAL, "Invalid mark rule"},
	{OpDelMarkRule, syscall.ENOENT, "No such mark rule"},
	{OpAddService, syscall.ENOENT, "Scheduler or persistence engine not found"},
	{OpEditService, syscall.ESRCH, "No such service"},
	{OpEditService, syscall.ENOENT, "Scheduler or persistence engine not found"},
	{OpDelService, syscall.ESRCH, "No such service"},
	{OpZero, syscall.ESRCH, "No such service"},
	{OpAddDest, syscall.ESRCH, "Service not defined"},
	{OpAddDest, syscall.EEXIST, "Destination already exists"},
	{OpEditDest, syscall.ESRCH, "Service not defined"},
	{OpEditDest, syscall.ENOENT, "No such destination"},
	{OpDelDest, syscall.ESRCH, "Service not defined"},
	{OpDelDest, syscall.ENOENT, "No such destination"},
	{OpStartDaemon, syscall.EEXIST, "Daemon has already run"},
	{OpStopDaemon, syscall.ESRCH, "No daemon is running"},
	{OpGetService, syscall.ESRCH, "No such service"},
	{"", syscall.EPERM, "Permission denied (you must be root)"},
	{"", syscall.EINVAL, "Invalid operation.  Possibly wrong module version, address not unicast, ..."},
	{"", syscall.ENOPROTOOPT, "Protocol not available"},
	{"", syscall.ENOMEM, "Memory allocation problem"},
	{"", syscall.EOPNOTSUPP, "Operation not supported with IPv6"},
	{"", syscall.EAFNOSUPPORT, "Operation not supported with specified address family"},
	{"", syscall.EMSGSIZE, "Module is wrong version"},
}

// Message renders errno for op exactly as ipvsadm prints it.
func Message(op Op, errno syscall.Errno) string {
	for _, m := range opMessages {
		if (m.op == "" || m.op == op) && m.errno == errno {
			return m.msg
		}
	}
	return strerror(errno)
}

// strerror is glibc's text, which ipvsadm falls back to; Go's table starts
// lower-case, glibc's capitalises the first letter.
func strerror(errno syscall.Errno) string {
	s := errno.Error()
	if s == "" {
		return s
	}
	if c := s[0]; c >= 'a' && c <= 'z' {
		s = string(c-'a'+'A') + s[1:]
	}
	return s
}

// Errno extracts the kernel errno of a control-plane error, or 0.
func Errno(err error) syscall.Errno {
	var e *Error
	if errors.As(err, &e) {
		return e.Errno
	}
	return 0
}
