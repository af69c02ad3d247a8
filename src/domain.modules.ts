import { Type } from '@nestjs/common';

/** The domain capabilities the entry points compose. */
export const domainModules: Type<unknown>[] = [];
