#!/bin/sh
exit $(cat "$(dirname "$0")/dyn")
