// Hot loops of the model core, in C so they vectorise; chosen at run time from the CPU's features.
#pragma once
