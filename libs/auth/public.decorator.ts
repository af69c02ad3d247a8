import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'auth:public';
/** Routes that need no token and are not in the role matrix (health, API docs). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
