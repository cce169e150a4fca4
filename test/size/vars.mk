# Prints the variables of one TARGET for test/size/size.py: make -f Makefile -f test/size/vars.mk TARGET=t size-vars
size-vars:
	@echo 'CC=$(CC)'
	@echo 'TARGET_FLAGS=$(TARGET_FLAGS)'
