import { QueryRoute, ValidQuery } from '@hirestream/platform';
import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CALIBRATION_READERS } from './calibration-roles';
import { CalibrationProjection } from './calibration.projection';
import { CalibrationList, CalibrationQuery } from './calibration.view';

@ApiTags('calibration')
@Controller('calibration')
export class CalibrationListController {
  constructor(private readonly calibration: CalibrationProjection) {}

  @QueryRoute({
    path: '',
    operationId: 'listCalibration',
    summary:
      'Every interviewer with submitted feedback, by id, one page at a time: rating and recommendation distributions and agreement with the panels',
    roles: CALIBRATION_READERS,
    response: CalibrationList,
  })
  async list(@ValidQuery(CalibrationQuery) query: CalibrationQuery): Promise<CalibrationList> {
    await this.calibration.afterOwnWrites();
    return { ...(await this.calibration.page(query)), limit: query.limit, offset: query.offset };
  }
}
