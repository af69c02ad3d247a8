import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsIn, IsString } from 'class-validator';
import { Public } from '../../../libs/auth/public.decorator';
import { DevKeys, signDevToken } from '../../../libs/auth/dev-signing-key';
import { localised } from '../../../libs/http/validation-messages';
import { DEMO_USERS, DEMO_USERS_TENANT } from './demo-users';

export const DEV_KEYS = Symbol('DEV_KEYS');
const TOKEN_SECONDS = 8 * 3600;

class DevTokenDto {
  @IsString()
  @IsIn(DEMO_USERS.map((u) => u.id), { message: localised('muss einer der Nutzer aus GET /dev/users sein.', 'must be one of the users of GET /dev/users.') })
  userId: string;
}

/**
 * Sign-in for development only: the web app lists the demo tenant's users and obtains a token
 * for one of them, signed with the development key. The module is not even loaded unless the API
 * runs in development mode (no identity provider, not production): there these routes answer 404.
 */
@ApiExcludeController()
@Public()
@Controller('dev')
export class DevSignInController {
  constructor(@Inject(DEV_KEYS) private readonly keys: DevKeys) {}

  @Get('users')
  users() {
    return { tenant: DEMO_USERS_TENANT, users: DEMO_USERS };
  }

  @Post('token')
  @HttpCode(200)
  async token(@Body() dto: DevTokenDto) {
    const user = DEMO_USERS.find((u) => u.id === dto.userId)!;
    const token = await signDevToken(
      this.keys,
      { sub: user.id, tenant: DEMO_USERS_TENANT, roles: [user.role], provider: user.providerId, name: user.name },
      TOKEN_SECONDS,
    );
    return { token, expiresIn: TOKEN_SECONDS };
  }
}
