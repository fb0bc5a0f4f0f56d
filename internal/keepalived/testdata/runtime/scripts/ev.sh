#!/bin/sh
echo "$*" >> "$(dirname "$0")/events"
