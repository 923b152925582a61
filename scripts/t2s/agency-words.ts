/**
 * Words of agency names and places that the lib's own labels and patterns do not hold, for the
 * traditional→simplified table (scripts/t2s/generate.ts): a report's title names its body, and
 * the record shows that name in simplified characters whatever the page's script.
 */
export const AGENCY_WORDS: readonly string[] = [
  // kinds of body
  '人民政府办公室 人民政府办公厅 街道办事处 乡人民政府 镇人民政府 管理委员会 管委会 委员会 工作委员会',
  '局 厅 署 处 室 站 所 院 馆 队 中心 办公室 事务中心 服务中心 执法大队 分局 派出机构 直属机构',
  '省 市 区 县 乡 镇 街道 社区 村 自治区 自治州 自治县 旗 盟 新区 开发区 高新技术产业开发区 经济技术开发区',
  // departments
  '发展和改革 教育 科学技术 工业和信息化 民族宗教事务 公安 民政 司法 财政 人力资源和社会保障',
  '自然资源和规划 生态环境 住房和城乡建设 交通运输 水利 水务 农业农村 商务 文化广电和旅游 卫生健康',
  '退役军人事务 应急管理 审计 国有资产监督管理 市场监督管理 广播电视 体育 统计 医疗保障 城市管理',
  '综合行政执法 林业和草原 粮食和物资储备 能源 税务 海关 气象 地震 消防救援 信访 档案 机关事务管理',
  '行政审批服务 政务服务和大数据管理 公共资源交易 住房公积金管理 供销合作社联合社 残疾人联合会',
  '妇女联合会 总工会 共青团 科学技术协会 红十字会 人民防空 港口航运 口岸 投资促进 乡村振兴 营商环境',
  // places: provinces, regions and the characters of common place names
  '北京 天津 河北 山西 内蒙古 辽宁 吉林 黑龙江 上海 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南',
  '广东 广西 海南 重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆 香港 澳门 台湾',
  '东 西 南 北 中 阳 阴 山 岭 峰 江 河 湖 海 湾 滨 州 城 关 门 桥 龙 凤 宁 兴 庆 长 丰 华 云 汉 鲁',
  '苏 浙 闽 赣 豫 鄂 湘 粤 桂 琼 渝 蜀 滇 黔 陇 辽 晋 冀 沪 铁 岗 鞍 锦 卫 丽 乐 万 宝 昆 临 伦 罗',
  '连 达 远 进 齐 济 泽 涧 滩 浒 沟 渠 圳 垦 坝 埔 闸 陆 陵 乌 鸡 马 鹤 鹰 凤 鸭 鹿 麒 麟 钢 银 铜',
  '盘 县 乡 镇 厦 坛 庄 园 塔 寨 营 屯 堡 场 壁 兰 苍 荣 华 莱 芜 萧 蓟 邯 郸 郑 邓 邢 邵 鄞 阆 陕',
];
