#!/bin/sh
sleep 4
exit 0
